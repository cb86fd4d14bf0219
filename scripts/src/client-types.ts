import { apiOpenApiDocument } from '@onsale/api/http/api-document';
import openapiTS, { astToString } from 'openapi-typescript';
import { join } from 'node:path';

/** Where @onsale/client keeps the types generated from the API's OpenAPI document. */
export const CLIENT_TYPES_FILE = join(__dirname, '../../packages/client/src/openapi.ts');

const HEADER = `/*
 * Generated from the Onsale API's OpenAPI document by openapi-typescript:
 * \`pnpm --filter @onsale/client generate\`. Do not edit; a test fails when it differs from the API.
 */

`;

/** The TypeScript types of the API's document, as @onsale/client commits them. */
export async function clientTypesSource(): Promise<string> {
  const ast = await openapiTS(apiOpenApiDocument() as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}
