/**
 * The one way this project configures ajv, for the customer schema and the settings schema alike.
 */
import Ajv from 'ajv';

/**
 * allErrors: every problem of a file is reported, not the first. discriminator: with
 * `connectivity.type`, only the chosen branch's errors are reported. Without code optimisation
 * compiling takes half the time (paid by every CLI run), and validating a document of a few
 * hundred bytes costs microseconds either way.
 */
export function newAjv(): Ajv {
  return new Ajv({
    allErrors: true,
    strict: true,
    discriminator: true,
    allowUnionTypes: true,
    code: { optimize: false },
  });
}
