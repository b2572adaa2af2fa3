export * from './connector-security-group';
export * from './nat-gateway';
export * from './site-to-site-vpn';
export * from './tunnel-alarms';
export * from './vendor-vpc';
export * from './vpc-peering';
export * from './transit-gateway-attachment';
