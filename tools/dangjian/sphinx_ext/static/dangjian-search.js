/* Chinese search for the dangjian knowledge base, loaded on search.html only.
 *
 * 1. Sphinx 9.0.4's language_data.js for zh ends with `window.Stemmer = ChineseStemmer`
 *    but ships no ChineseStemmer (sphinx-doc/sphinx#14229): the page hangs at
 *    "正在搜索中".  This script runs first and defines it: Latin words go through the
 *    English stemmer (as the Python indexer does), Chinese words are kept as they are.
 * 2. Sphinx splits queries on spaces and punctuation only.  Here each run of Chinese
 *    characters is simplified character by character (DANGJIAN_T2S, generated from
 *    OpenCC at build time) and cut by longest match against the index's own terms,
 *    so 网格党支部建设 and 網格黨支部 find what 网格党支部 finds.
 * 3. Result snippets leave out Mermaid diagram source.
 */
"use strict";

window.ChineseStemmer = function ChineseStemmer() {
  const english = typeof EnglishStemmer === "function" ? new EnglishStemmer() : null;
  this.stemWord = (word) => (english && /^[\x00-\x7f]+$/.test(word) ? english.stemWord(word) : word);
};

const DANGJIAN_HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;
const DANGJIAN_LONGEST = 12;

const dangjianSimplify = (text) =>
  Array.from(text, (ch) => (window.DANGJIAN_T2S && window.DANGJIAN_T2S[ch]) || ch).join("");

const dangjianKnown = (word) => {
  const index = typeof Search !== "undefined" ? Search._index : null;
  if (!index) return false;
  return Object.prototype.hasOwnProperty.call(index.terms, word)
    || Object.prototype.hasOwnProperty.call(index.titleterms, word);
};

/* Cut a run of Chinese characters into index terms, longest first; characters
 * that start no term are gathered into one piece (kept when two or more long). */
const dangjianSegment = (run) => {
  const out = [];
  let pending = "";
  let i = 0;
  while (i < run.length) {
    let found = "";
    for (let j = Math.min(run.length, i + DANGJIAN_LONGEST); j > i + 1; j--) {
      if (dangjianKnown(run.slice(i, j))) { found = run.slice(i, j); break; }
    }
    if (found) {
      if (pending.length > 1) out.push(pending);
      pending = "";
      out.push(found);
      i += found.length;
    } else {
      pending += run[i];
      i += 1;
    }
  }
  if (pending.length > 1 || (pending && out.length === 0)) out.push(pending);
  return out;
};

/* Replaces Sphinx's default splitQuery (searchtools.js keeps one defined earlier). */
var splitQuery = (query) =>
  query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term)
    .flatMap((term) => (DANGJIAN_HAN.test(term) ? dangjianSegment(dangjianSimplify(term)) : [term]));

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".mermaid, pre.mermaid, div.mermaid").forEach((el) => el.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
});
