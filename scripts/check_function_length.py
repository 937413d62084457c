#!/usr/bin/env python3
"""Issue 24: no Swift function over 60 lines without a reason written above it.

    python3 scripts/check_function_length.py [--max 60] [PATH ...]     (default: Sources)

A function (`func`, `init`, `deinit`, `subscript`) is counted from the line of its signature to the
line of its closing brace, both included. One over the limit needs a comment `// Long: <reason>` in
the block of comments and attributes directly above its signature (its doc comment may come before
or after it); otherwise the function is reported as `file:line: name is N lines` and the exit status
is 1. Strings (with interpolations), raw strings, multi-line strings and comments are skipped when
braces are matched. Standard library only; `FunctionLengthCheckTests` runs it on made-up files and on
Sources/.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

DECLARATION = re.compile(r"\b(func\s+[^\s(<]+|init[?!]?|deinit|subscript)\s*[(<{]?")
REASON = re.compile(r"^\s*//\s*Long:\s*\S")


def blank(source: str) -> str:
    """`source` with the insides of comments and string literals replaced by spaces (line ends kept),
    so that only the code's own braces remain."""
    out = []
    i, n = 0, len(source)
    # Each open context: ("code", interpolation paren depth) or ("string", quote, hashes).
    stack: list[tuple] = [("code", 0)]

    def keep(c: str) -> None:
        out.append(c if c == "\n" else " ")

    while i < n:
        top = stack[-1]
        c = source[i]
        if top[0] == "code":
            if source.startswith("//", i):
                j = source.find("\n", i)
                j = n if j < 0 else j
                out.append(" " * (j - i))
                i = j
                continue
            if source.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if source.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif source.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                for ch in source[i:j]:
                    keep(ch)
                i = j
                continue
            m = re.compile(r'(#*)("""|")').match(source, i)
            if m and (m.group(1) == "" or c == "#"):
                hashes, quote = len(m.group(1)), m.group(2)
                out.append('"' + " " * (m.end() - i - 1))
                stack.append(("string", quote, hashes))
                i = m.end()
                continue
            if c == "(" and top[1] >= 0 and len(stack) > 1:
                stack[-1] = ("code", top[1] + 1)
            elif c == ")" and len(stack) > 1:
                if top[1] == 0:
                    stack.pop()  # the end of an interpolation
                    out.append(" ")
                    i += 1
                    continue
                stack[-1] = ("code", top[1] - 1)
            out.append(c)
            i += 1
            continue
        _, quote, hashes = top
        escape = "\\" + "#" * hashes
        if source.startswith(escape + "(", i):
            out.append(" " * (len(escape) + 1))
            stack.append(("code", 0))
            i += len(escape) + 1
            continue
        if source.startswith(escape, i):
            out.append(" " * len(escape))
            i += len(escape)
            if i < n:
                keep(source[i])
                i += 1
            continue
        if source.startswith(quote + "#" * hashes, i):
            out.append(" " * (len(quote) + hashes - 1) + '"')
            stack.pop()
            i += len(quote) + hashes
            continue
        keep(c)
        i += 1
    return "".join(out)


def functions(source: str):
    """(name, first line, last line) of every function with a body, lines counted from 1."""
    code = blank(source)
    line_starts = [0] + [i + 1 for i, c in enumerate(code) if c == "\n"]

    def line_of(offset: int) -> int:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    for m in DECLARATION.finditer(code):
        # A declaration keyword begins a line's code, after modifiers and attributes only.
        line_start = code.rfind("\n", 0, m.start()) + 1
        before = code[line_start : m.start()]
        if not re.fullmatch(r"\s*((@\w+(\([^)]*\))?|[a-z]+(\([a-z]+\))?)\s+)*", before):
            continue
        body = body_start(code, m.end() - (1 if code[m.end() - 1] in "(<{" else 0))
        if body is None:
            continue
        end = matching_brace(code, body)
        if end is None:
            continue
        name = m.group(1).split()[-1] if m.group(1).startswith("func") else m.group(1)
        yield name, line_of(m.start()), line_of(end)


def body_start(code: str, i: int):
    """The offset of the `{` that opens the body of the declaration whose signature goes on from `i`,
    or None for a declaration without a body (a protocol's requirement)."""
    depth = 0
    n = len(code)
    while i < n:
        c = code[i]
        if c in "([<":
            depth += 1
        elif c in ")]>":
            depth = max(0, depth - 1) if not (c == ">" and code[i - 1] == "-") else depth
        elif c == "{" and depth == 0:
            return i
        elif c == "}" and depth == 0:
            return None
        elif c == "\n" and depth == 0:
            rest = code[i + 1 :].lstrip()
            if not re.match(r"(\{|->|throws|rethrows|async|where|\w+\s*[:,=]|[:,&.])", rest):
                return None
        i += 1
    return None


def matching_brace(code: str, i: int):
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return None


def has_reason(lines: list[str], first: int) -> bool:
    """True when the comments and attributes directly above line `first` (1-based) hold `// Long:`."""
    k = first - 2
    while k >= 0:
        text = lines[k].strip()
        if REASON.match(lines[k]):
            return True
        if text.startswith("//") or text.startswith("@"):
            k -= 1
            continue
        return False
    return False


def check(paths: list[str], limit: int) -> list[str]:
    problems = []
    files = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files += [os.path.join(root, f) for f in sorted(names) if f.endswith(".swift")]
        else:
            files.append(path)
    for path in files:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        lines = source.split("\n")
        for name, first, last in functions(source):
            length = last - first + 1
            if length > limit and not has_reason(lines, first):
                problems.append(
                    f"{path}:{first}: {name} is {length} lines (over {limit}); split it, or write "
                    f"`// Long: <reason>` directly above it"
                )
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", default=["Sources"])
    ap.add_argument("--max", type=int, default=60, help="the most lines a function may have (default 60)")
    ap.add_argument("--list", action="store_true", help="print every function's length (name, lines, place)")
    args = ap.parse_args()
    if args.list:
        for path in args.paths:
            for root, _, names in os.walk(path) if os.path.isdir(path) else [("", [], [path])]:
                for f in sorted(names):
                    p = os.path.join(root, f)
                    if p.endswith(".swift"):
                        for name, first, last in functions(open(p, encoding="utf-8").read()):
                            print(f"{last - first + 1}\t{name}\t{p}:{first}")
        return 0
    problems = check(args.paths, args.max)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_function_length: {len(problems)} function(s) over {args.max} lines without a reason", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
