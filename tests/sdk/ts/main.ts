// Exercises a TypeScript client generated from openapi/openapi.json against a running server.
//
// Types come from `openapi-typescript` (tests/sdk/generated/schema.d.ts); requests go through
// `openapi-fetch`'s `createClient<paths>`; nothing here hand-writes a URL or a response type.
// Usage (tests/sdk/run.sh type-checks, transpiles and runs it): node main.mjs BASE_URL
import createClient from "openapi-fetch";
import type { components, paths } from "../generated/schema.js";

type Claim = components["schemas"]["Claim"];
type Article = components["schemas"]["Article"];
type Problem = components["schemas"]["Problem"];
type Span = components["schemas"]["Span"];
type QuantityKind = components["schemas"]["QuantityKind"];

const baseUrl = process.argv[2];
if (!baseUrl) {
  console.error("usage: node main.mjs BASE_URL");
  process.exit(2);
}

const client = createClient<paths>({ baseUrl });

class CheckFailed extends Error {}

function check(cond: boolean, message: string): asserts cond {
  if (!cond) throw new CheckFailed(message);
}

/** Unwraps an openapi-fetch result, failing with the Problem body when the call did not succeed. */
function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    const body = JSON.stringify(result.error ?? null);
    throw new CheckFailed(
      `${what}: HTTP ${result.response.status}: ${body.length > 300 ? `${body.slice(0, 300)}...` : body}`,
    );
  }
  return result.data;
}

/** Slices an article field with code-point offsets (not UTF-16 units). */
function slice(article: Article, span: Span): string {
  const text = article[span.field];
  check(text !== null, `article ${article.id} has no ${span.field} but a span indexes it`);
  return Array.from(text).slice(span.start, span.end).join("");
}

// ---- compile-time checks: these only have to type-check (or fail to, where marked) ----

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Never called: proves the generated types reject bad input rather than being `any`.
async function typeChecksOnly(): Promise<void> {
  // @ts-expect-error `bogus` is not a QuantityKind
  await client.GET("/v1/claims", { params: { query: { kind: ["bogus"] } } });
  // @ts-expect-error `sort` items must be ClaimSort values
  await client.GET("/v1/claims", { params: { query: { sort: ["amount"] } } });
  // @ts-expect-error the path parameter is required
  await client.GET("/v1/claims/{claim_id}", {});
  // @ts-expect-error no such path in the document
  await client.GET("/v1/claim", {});
}
void typeChecksOnly;

// ---- steps ----

async function listWithFilters(): Promise<string> {
  const big = ok(
    "listClaims kind=count amount_gte=1000 sort=amount_desc",
    await client.GET("/v1/claims", {
      params: { query: { kind: ["count"], amount_gte: 1000, sort: ["amount_desc"] } },
    }),
  );
  check(big.data.length > 0, "kind=count&amount_gte=1000 matched nothing; the filter check would be vacuous");
  check(big.data.length === big.total_size, `one page expected: ${big.data.length} items, total_size ${big.total_size}`);
  let previous = Infinity;
  for (const c of big.data) {
    check(c.value.kind === "count", `${c.id}: kind ${c.value.kind}, want count`);
    const amount = c.value.amount;
    check(amount !== null, `${c.id}: null amount matched amount_gte`);
    check(amount >= 1000, `${c.id}: amount ${amount} < 1000`);
    check(amount <= previous, `${c.id}: amount ${amount} after ${previous} breaks amount_desc`);
    previous = amount;
  }

  // A repeated key is ORed: kind=money&kind=duration, passed as an array.
  const wanted: QuantityKind[] = ["money", "duration"];
  const either = ok(
    "listClaims kind=money&kind=duration",
    await client.GET("/v1/claims", { params: { query: { kind: wanted, page_size: 100 } } }),
  );
  const kinds = new Set(either.data.map((c) => c.value.kind));
  for (const k of kinds) check(wanted.includes(k), `kind=money&kind=duration returned kind ${k}`);
  let sum = 0;
  for (const k of wanted) {
    const one = ok(`listClaims kind=${k}`, await client.GET("/v1/claims", { params: { query: { kind: [k] } } }));
    check(one.total_size > 0, `kind=${k} matched nothing; the OR check would be vacuous`);
    sum += one.total_size;
  }
  check(
    either.total_size === sum,
    `kind=money&kind=duration total_size ${either.total_size}, but money + duration = ${sum} (array not sent as repeated keys?)`,
  );
  return (
    `kind=count&amount_gte=1000&sort=amount_desc -> ${big.data.length} claims ` +
    `[${big.data.map((c) => c.value.amount).join(", ")}]; ` +
    `kind=money&kind=duration -> ${either.total_size} (= money + duration)`
  );
}

async function pageThroughAll(): Promise<string> {
  const ids: string[] = [];
  let token: string | undefined;
  let total: number | undefined;
  let pages = 0;
  for (;;) {
    pages += 1;
    const page = ok(
      `listClaims page ${pages}`,
      await client.GET("/v1/claims", { params: { query: { page_size: 2, page_token: token } } }),
    );
    check(page.data.length <= 2, `page ${pages} has ${page.data.length} items with page_size=2`);
    total ??= page.total_size;
    check(page.total_size === total, `total_size changed from ${total} to ${page.total_size} on page ${pages}`);
    check(pages <= total + 1, `still paging after ${pages} pages for ${total} claims`);
    ids.push(...page.data.map((c) => c.id));
    if (page.next_page_token === null) break;
    token = page.next_page_token;
  }
  check(ids.length === total, `paged ${ids.length} claims, total_size ${total}`);
  check(new Set(ids).size === ids.length, `duplicate ids across pages: ${ids.join(",")}`);
  return `${pages} pages of page_size=2 -> ${ids.length} claims = total_size ${total}, ids unique`;
}

async function entityByAcronym(): Promise<string> {
  const entity = ok(
    "getEntity NCCIA",
    await client.GET("/v1/entities/{entity_id}", { params: { path: { entity_id: "NCCIA" } } }),
  );
  check(
    entity.id === "national-cyber-crimes-investigation-agency",
    `getEntity NCCIA -> id ${entity.id}`,
  );
  check(
    entity.aliases.some((a) => a.text === "NCCIA"),
    `no NCCIA alias in ${JSON.stringify(entity.aliases)}`,
  );
  return `NCCIA -> ${entity.id} (${entity.name}), aliases ${entity.aliases.map((a) => `${a.text}/${a.kind}`).join(", ")}`;
}

async function claimEvidence(): Promise<string> {
  const first = ok("listClaims", await client.GET("/v1/claims", { params: { query: { page_size: 1 } } }));
  check(first.data.length === 1, "listClaims returned no claim");
  const claimIds = [first.data[0].id, "clm_221f1809bd7b"];
  let quotes = 0;
  for (const claimId of claimIds) {
    const claim: Claim = ok(
      `getClaim ${claimId}`,
      await client.GET("/v1/claims/{claim_id}", { params: { path: { claim_id: claimId } } }),
    );
    check(claim.id === claimId, `getClaim ${claimId} returned ${claim.id}`);
    check(claim.mentions.length === claim.mention_count, `${claimId}: mention_count ${claim.mention_count} != ${claim.mentions.length}`);
    const article = ok(
      `getArticle ${claim.article.id}`,
      await client.GET("/v1/articles/{article_id}", { params: { path: { article_id: claim.article.id } } }),
    );
    console.log(`  ${claim.id} (${claim.label}) in ${article.id}:`);
    for (const m of claim.mentions) {
      const ev = m.evidence_span;
      const quote = slice(article, ev);
      check(quote === ev.exact, `${claimId} ${m.role} evidence [${ev.start},${ev.end}) of ${ev.field}: sliced ${JSON.stringify(quote)}, exact ${JSON.stringify(ev.exact)}`);
      const q = m.quantity_span;
      const qText = slice(article, q);
      check(qText === q.exact, `${claimId} ${m.role} quantity [${q.start},${q.end}) of ${q.field}: sliced ${JSON.stringify(qText)}, exact ${JSON.stringify(q.exact)}`);
      console.log(`    ${m.role}${m.is_canonical ? "*" : ""} ${ev.field}[${ev.start},${ev.end}): "${quote}"`);
      quotes += 1;
    }
  }
  return `${claimIds.length} claims, ${quotes} evidence quotes sliced by code point == evidence_span.exact`;
}

async function typedNotFound(): Promise<string> {
  const { data, error, response } = await client.GET("/v1/claims/{claim_id}", {
    params: { path: { claim_id: "clm_000000000000" } },
  });
  // The error is typed as the Problem schema (from the application/problem+json responses).
  const typed: Equal<NonNullable<typeof error>, Problem> = true;
  void typed;
  check(data === undefined, "getClaim clm_000000000000 returned data");
  check(error !== undefined, `getClaim clm_000000000000: no error, HTTP ${response.status}`);
  check(response.status === 404, `HTTP ${response.status}, want 404`);
  check(error.status === 404, `Problem.status ${error.status}, want 404`);
  check(error.type === "about:blank", `Problem.type ${error.type}, want about:blank`);
  check(
    (response.headers.get("content-type") ?? "").startsWith("application/problem+json"),
    `content-type ${response.headers.get("content-type")}`,
  );
  return `clm_000000000000 -> typed Problem {status: ${error.status}, type: "${error.type}", title: "${error.title}"}`;
}

const steps: [string, () => Promise<string>][] = [
  ["a. list claims with filters", listWithFilters],
  ["b. page through all claims", pageThroughAll],
  ["c. entity by acronym", entityByAcronym],
  ["d. claim evidence spans", claimEvidence],
  ["e. typed 404 problem", typedNotFound],
];

let failed = 0;
for (const [name, step] of steps) {
  try {
    console.log(`ts ok   ${name}: ${await step()}`);
  } catch (e) {
    failed += 1;
    console.log(`ts FAIL ${name}: ${e instanceof CheckFailed ? e.message : e instanceof Error ? e.stack : String(e)}`);
  }
}
if (failed > 0) {
  console.log(`ts: ${failed} of ${steps.length} steps failed`);
  process.exit(1);
}
console.log(`ts: all ${steps.length} steps passed against ${baseUrl}`);
