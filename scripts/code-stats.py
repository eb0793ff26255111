#!/usr/bin/env python3
"""Code statistics issue 11 tracks: Arabic string literals in non-test Rust
source (per crate) and the longest functions in crates/*/src.

Non-test means: files under crates/*/src, with `#[cfg(test)] mod ... { }`
blocks and files named tests.rs / *_tests.rs left out. A literal is a
double-quoted string (or raw string) with at least one Arabic letter.

Usage: scripts/code-stats.py [--max-literals N] [--max-fn-lines N]
Exits 1 when a limit is given and exceeded.
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
# Char literals come first so that '"' does not open a string.
STRING = re.compile(r"'(?:\\u\{[0-9a-fA-F]+\}|\\.|[^'\\\n])'" + r'|r#*"(?:.|\n)*?"#*|"(?:\\.|[^"\\])*"')
FN = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")


def strip_test_modules(text):
    """Blank out `#[cfg(test)]` items (brace-matched), keeping line count."""
    out = list(text)
    for m in re.finditer(r"#\[cfg\(test\)\]", text):
        i = text.find("{", m.end())
        if i < 0:
            continue
        semi = text.find(";", m.end())
        if 0 <= semi < i:  # `#[cfg(test)] mod tests;` (a file, skipped by name)
            continue
        depth, j = 0, i
        while j < len(text):
            c = text[j]
            if c == '"':
                s = STRING.match(text, j)
                j = s.end() if s else j + 1
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        for k in range(m.start(), min(j + 1, len(text))):
            if out[k] != "\n":
                out[k] = " "
    return "".join(out)


def source_files():
    for path in sorted(ROOT.glob("crates/*/src/**/*.rs")):
        name = path.name
        if name == "tests.rs" or name.endswith("_tests.rs") or "/tests/" in str(path.relative_to(ROOT / "crates")):
            continue
        yield path


def without_comments(text):
    return re.sub(r"//[^\n]*", lambda m: " " * len(m.group(0)), text)


def arabic_literals(text):
    return [
        s.group(0)
        for s in STRING.finditer(text)
        if not s.group(0).startswith("'") and ARABIC.search(s.group(0))
    ]


def functions(text):
    """(name, first line, length) of each `fn` with a body, brace-matched."""
    lines = text.split("\n")
    found = []
    for n, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        depth, started = 0, False
        for k in range(n, len(lines)):
            body = STRING.sub('""', lines[k])
            if not started and ";" in body and "{" not in body:
                break  # declaration without a body (trait item)
            depth += body.count("{") - body.count("}")
            started = started or "{" in body
            if started and depth <= 0:
                found.append((m.group(1), n + 1, k - n + 1))
                break
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-literals", type=int)
    ap.add_argument("--max-fn-lines", type=int)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    per_crate, longest = {}, []
    for path in source_files():
        text = strip_test_modules(path.read_text(encoding="utf-8"))
        crate = path.relative_to(ROOT).parts[1]
        code = without_comments(text)
        per_crate[crate] = per_crate.get(crate, 0) + len(arabic_literals(code))
        rel = path.relative_to(ROOT)
        longest += [(length, f"{rel}:{line} {name}") for name, line, length in functions(code)]
    total = sum(per_crate.values())
    print("Arabic string literals in non-test src:")
    for crate, count in sorted(per_crate.items(), key=lambda kv: -kv[1]):
        if count:
            print(f"  {crate:12} {count}")
    print(f"  {'total':12} {total}")
    longest.sort(reverse=True)
    print(f"Longest functions (lines):")
    for length, where in longest[: args.top]:
        print(f"  {length:4} {where}")
    fail = False
    if args.max_literals is not None and total > args.max_literals:
        print(f"FAIL: {total} Arabic literals > {args.max_literals}", file=sys.stderr)
        fail = True
    over = [w for l, w in longest if args.max_fn_lines is not None and l > args.max_fn_lines]
    if over:
        print(f"FAIL: {len(over)} functions over {args.max_fn_lines} lines", file=sys.stderr)
        fail = True
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
