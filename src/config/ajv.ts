/**
 * The one way this project configures ajv, for the customer schema and the settings schema alike.
 */
import Ajv from 'ajv';
import { GUIDE } from './schema/builder';

/**
 * allErrors: every problem of a file is reported, not the first. discriminator: with
 * `connectivity.type`, only the chosen branch's errors are reported. Without code optimisation
 * compiling takes half the time (paid by every CLI run), and validating a document of a few
 * hundred bytes costs microseconds either way.
 */
export function newAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    discriminator: true,
    allowUnionTypes: true,
    code: { optimize: false },
  });
  // A field's message guidance: an annotation ajv allows (strict mode) and never validates.
  ajv.addKeyword(GUIDE);
  return ajv;
}
