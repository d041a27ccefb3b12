// The GitBugs bug reports in bench/data/gitbugs (Hadoop and SeaMonkey, duplicate links made by their
// maintainers) and the retrieval protocol of the README there, shared by bench/similarity.ts and the
// quality floor in test/similarity-quality.test.ts: real user-written text next to the hand-written
// product feedback of feedback-duplicates.json.
import { readFileSync } from 'node:fs';
import type { SimilarityDocument } from '@sayso/core';
import { parse } from 'csv-parse/sync';
import { queryTextOf, rankOfFirstRelevant, summariseRanks, type QueryText, type RankerFactory, type RetrievalScores } from './retrieval.js';

export type GitBugsProject = 'Hadoop' | 'SeaMonkey';
export const GITBUGS_PROJECTS: readonly GitBugsProject[] = ['Hadoop', 'SeaMonkey'];

const DATA_DIR = new URL('../data/gitbugs/', import.meta.url);
const FILES: Record<GitBugsProject, { reports: string; links: string }> = {
  Hadoop: { reports: 'hadoop_bugs.csv', links: 'hadoop_bugs-combined.csv' },
  SeaMonkey: { reports: 'SeaMonkey_bugs.csv', links: 'SeaMonkey_bugs-combined.csv' },
};

/**
 * The README's "optionally with the start of Description": enough to say what the report is about
 * (an idea's body is a few sentences), without the stack traces and logs further down.
 */
const DESCRIPTION_START_WORDS = 50;

/** One row of a `-combined.csv` file: a report and the reports its maintainers marked as its duplicates. */
export interface GitBugsLink {
  issue: string;
  duplicates: string[];
}

export interface GitBugsDataset {
  project: GitBugsProject;
  /** Every report with a summary: title = Summary, body = the start of Description. */
  reports: SimilarityDocument[];
  /** The links whose every report has text (the others cannot be queried or found). */
  links: GitBugsLink[];
  /** Duplicate group of each linked report: the connected components of `links`. */
  groupOf: Map<string, string>;
}

type CsvRow = Record<string, string>;

function readCsv(file: string): CsvRow[] {
  return parse(readFileSync(new URL(file, DATA_DIR)), { columns: true, skip_empty_lines: true }) as CsvRow[];
}

function descriptionStart(description: string): string {
  return description.split(/\s+/).filter(Boolean).slice(0, DESCRIPTION_START_WORDS).join(' ');
}

/** Connected components: each report's group is named by one of its members. */
function groupsOf(links: readonly GitBugsLink[]): Map<string, string> {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const top = root(up);
    parent.set(id, top);
    return top;
  };
  for (const { issue, duplicates } of links) {
    for (const id of [issue, ...duplicates]) if (!parent.has(id)) parent.set(id, id);
    for (const duplicate of duplicates) parent.set(root(duplicate), root(issue));
  }
  return new Map([...parent.keys()].map((id) => [id, root(id)]));
}

export function loadGitBugs(project: GitBugsProject): GitBugsDataset {
  const reports = readCsv(FILES[project].reports)
    .map((row) => ({ id: row['Issue id']!.trim(), title: (row.Summary ?? '').trim(), body: descriptionStart(row.Description ?? '') }))
    .filter((report) => report.title !== '');
  const hasText = new Set(reports.map((report) => report.id));
  const links = readCsv(FILES[project].links)
    .map((row) => ({
      issue: row['Issue id']!.trim(),
      // A SeaMonkey cell may hold several ids: "1284028, 1648584".
      duplicates: row['Duplicate id']!.split(',').map((id) => id.trim()).filter(Boolean),
    }))
    .filter((link) => [link.issue, ...link.duplicates].every((id) => hasText.has(id)));
  return { project, reports, links, groupOf: groupsOf(links) };
}

/**
 * One query per link, the issue's own text, over every report (one board); a hit is any other
 * report of the issue's duplicate group. Both kinds of query run against one index: building it over
 * a few thousand reports costs more than all the queries.
 */
export function evaluateGitBugs(dataset: GitBugsDataset, makeRanker: RankerFactory): Record<QueryText, RetrievalScores> {
  const ranker = makeRanker(dataset.reports);
  const reportById = new Map(dataset.reports.map((report) => [report.id, report]));
  const membersOf = new Map<string, Set<string>>();
  for (const [id, group] of dataset.groupOf) membersOf.set(group, (membersOf.get(group) ?? new Set()).add(id));
  const scoresFor = (query: QueryText) =>
    summariseRanks(
      dataset.links.map(({ issue }) => {
        const relevant = new Set(membersOf.get(dataset.groupOf.get(issue)!));
        relevant.delete(issue);
        return rankOfFirstRelevant(ranker, queryTextOf(reportById.get(issue)!, query), issue, relevant);
      }),
    );
  return { title: scoresFor('title'), 'title+body': scoresFor('title+body') };
}
