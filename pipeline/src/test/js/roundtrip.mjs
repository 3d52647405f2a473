// Parses included.ris and included.bib with citation-js (an independent parser) and prints, as
// JSON on stdout, what each entry arrived as: title, authors, year, DOI and keywords/notes.
// Usage: node roundtrip.mjs INCLUDED_RIS INCLUDED_BIB
// The JUnit test ExportRoundTripTest compares this with included.csv.
import fs from "node:fs";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-bibtex";

const [risPath, bibPath] = process.argv.slice(2);
if (!risPath || !bibPath) {
  console.error("usage: node roundtrip.mjs INCLUDED_RIS INCLUDED_BIB");
  process.exit(2);
}

function simplify(item) {
  const keyword = item.keyword === undefined ? [] : Array.isArray(item.keyword) ? item.keyword
    : String(item.keyword).split(/\s*[,;]\s*/);
  return {
    id: item["citation-key"] ?? item.id ?? "",
    type: item.type ?? "",
    title: item.title ?? "",
    // BibTeX reads "van der Berg, Aoife" as the particle "van der" plus "Berg": join them back
    authors: (item.author ?? []).map((a) => a.literal !== undefined ? { literal: a.literal } : {
      family: [a["non-dropping-particle"], a.family].filter(Boolean).join(" "),
      given: [a.given, a["dropping-particle"]].filter(Boolean).join(" "),
    }),
    year: item.issued?.["date-parts"]?.[0]?.[0] ?? null,
    doi: item.DOI ?? "",
    keywords: keyword,
    note: item.note ?? "",
    journal: item["container-title"] ?? "",
  };
}

function parse(path, type) {
  const text = fs.readFileSync(path, "utf8");
  const data = new Cite(text, { forceType: type }).data;
  return data.map(simplify);
}

const out = { ris: parse(risPath, "@ris/file"), bib: parse(bibPath, "@biblatex/text") };
process.stdout.write(JSON.stringify(out) + "\n");
