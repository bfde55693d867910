// render.js — renders each block of stdin (blocks end with a line "%%")
// with KaTeX in display mode, strict, throwing on any error; prints the
// failing blocks and exits 1 if any fails.  Usage: node render.js < out
"use strict";
const path = require("path");
const dir = process.env.SYM_KATEX_DIR || path.join(__dirname, "node_modules");
const katex = require(path.join(dir, "katex"));
const text = require("fs").readFileSync(0, "utf8");
const blocks = text.split(/\n%%\n?/).filter((b) => b.trim() !== "");
// The math outside \text{...} groups (balanced braces).
function outsideText(b) {
  let out = "", i = 0;
  while (i < b.length) {
    if (b.startsWith("\\text{", i)) {
      let depth = 0, j = i + 5;
      do {
        if (b[j] === "\\") j++;
        else if (b[j] === "{") depth++;
        else if (b[j] === "}") depth--;
        j++;
      } while (j < b.length && depth > 0);
      i = j;
    } else {
      out += b[i++];
    }
  }
  return out;
}
let bad = 0;
blocks.forEach((b, i) => {
  try {
    katex.renderToString(b, { displayMode: true, throwOnError: true, strict: "error" });
    const m = outsideText(b);
    if (/\d[eE][+-]?\d/.test(m)) throw new Error("a float in e-notation in math");
    if (/R\^|R\\textasciicircum|<=|>=|\\lt=/.test(b)) throw new Error("R^n or <= / >= as text");
  } catch (e) {
    bad++;
    console.log(`FAIL: block ${i + 1}: ${e.message}\n  ${b.slice(0, 400)}`);
  }
});
console.log(`${blocks.length} LaTeX outputs rendered, ${bad} failed`);
process.exit(bad || blocks.length === 0 ? 1 : 0);
