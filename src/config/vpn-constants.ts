/**
 * VPN facts shared by the rules and the stacks (config never imports cdktf, so they live here and
 * the constructs import them).
 */

/**
 * ASN given to the customer gateway of a static VPN. AWS requires an ASN on every customer gateway
 * (`BgpAsn` or `BgpAsnExtended`) even though static routing never speaks BGP; 65000 is AWS's own
 * default for CreateCustomerGateway.
 */
export const STATIC_ROUTING_CUSTOMER_GATEWAY_ASN = 65000;
