/** Request bodies of the attacks in issue #14, shared by the tests here and bench/request-flood.ts. */

/** 60,000 answers, each one refused by the positioning test's schema: 829 KB, the body. */
export function positioningFloodBody(): string {
  const answers: Record<string, string> = {};
  for (let index = 0; index < 60_000; index += 1) answers[`q${index}`] = 'xx';
  return JSON.stringify({ answers });
}

/** A forged link token: well-formed, signed with no secret the API knows. */
export const FORGED_LINK_TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.Zm9yZ2VkLXNpZ25hdHVyZS1mb3ItdGhlLXRlc3Q';
