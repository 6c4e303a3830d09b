"""Records the Python corpus from real CPython: the playground's interpreter must print the same.

Each tests/python/*.txt file is a doctest transcript of one interactive session (the format of
the conformance cases' session.txt): a line starting with '>>> ' is input, '... ' continues it,
and the lines after it, up to the next '>>> ' line or a blank line, are what CPython's
interactive shell printed. Authors write the input lines only; this script fills in the outputs.

SESSION
  One fresh namespace per file: {'__name__': 'models'} and the builtins, nothing else (the
  playground runs the file with no models loaded, so its namespace is empty too). Each input is
  compiled in 'single' mode, as the interactive shell (and doctest) does: an expression
  statement echoes repr(value) unless it is None, also inside for/if blocks.

OUTPUT
  What the input printed, then, if it raised, the traceback in the conformance form
      Traceback (most recent call last):
        ...
      ZeroDivisionError: division by zero
  Only its last line is meaningful (CPython's own `traceback.format_exception_only`), and the
  playground must print the same last line: class name and message. Anything printed before
  the exception is dropped, as doctest does (a transcript must stay a valid doctest). An empty
  output line is written <BLANKLINE>.

USAGE
  python3 record.py FILE...            rewrite each file's outputs from its input lines
  python3 record.py --check FILE...    re-run and report files whose outputs differ (exit 1)
  python3 record.py --doctest FILE...  run the files with doctest (IGNORE_EXCEPTION_DETAIL)

Recorded with CPython 3.11.7. Inputs must be deterministic: no addresses (`at 0x`), no
wall-clock values, no iteration over sets of strings (their order changes per process).
"""
import builtins
import doctest
import io
import sys
import traceback
from pathlib import Path

MODULE_NAME = "models"


def parse(text):
    """The items of a transcript in order: ("prose", line) for lines outside examples (comments,
    blank lines) and ("example", source, line_number) for inputs. Outputs are dropped."""
    lines = text.splitlines()
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not (line.startswith(">>> ") or line == ">>>"):
            out.append(("prose", line))
            i += 1
            continue
        start = i
        src = [line[4:]]
        i += 1
        while i < len(lines) and (lines[i].startswith("... ") or lines[i] == "..."):
            src.append(lines[i][4:])
            i += 1
        out.append(("example", "\n".join(src), start + 1))
        while i < len(lines) and lines[i].strip() and not lines[i].startswith(">>>"):
            i += 1
    return out


def run_example(source, ns):
    """What the interactive shell prints for one input (doctest's view of it)."""
    buf = io.StringIO()
    saved = sys.stdout
    sys.stdout = buf
    try:
        try:
            code = compile(source + "\n", "<stdin>", "single")
            exec(code, ns)
        except BaseException as e:  # noqa: BLE001 - the shell reports every exception
            sys.stdout = saved
            last = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
            return "Traceback (most recent call last):\n  ...\n" + last + "\n"
    finally:
        sys.stdout = saved
    return buf.getvalue()


def fresh_namespace():
    return {"__name__": MODULE_NAME, "__builtins__": builtins}


def record_text(text, name):
    ns = fresh_namespace()
    if hasattr(builtins, "_"):
        del builtins._
    sys.setrecursionlimit(1000)
    pieces = []
    after_output = False
    for item in parse(text):
        if item[0] == "prose":
            if after_output and item[1].strip():
                pieces.append("\n")
            pieces.append(item[1] + "\n")
            after_output = False
            continue
        _, source, line = item
        got = run_example(source, ns)
        if " at 0x" in got:
            raise SystemExit(f"{name}:{line}: output shows an address: {got!r}")
        if got and not got.endswith("\n"):
            # doctest's rule: output that does not end a line gets a newline.
            got += "\n"
        pieces.append(">>> " + source.replace("\n", "\n... ") + "\n")
        for out_line in got.splitlines():
            if out_line and not out_line.strip():
                raise SystemExit(f"{name}:{line}: a whitespace-only output line cannot be written")
            pieces.append((out_line or "<BLANKLINE>") + "\n")
        after_output = bool(got)
    return "".join(pieces)


def main(argv):
    mode = "record"
    files = []
    for a in argv:
        if a == "--check":
            mode = "check"
        elif a == "--doctest":
            mode = "doctest"
        else:
            files.append(Path(a))
    if not files:
        files = sorted(Path(__file__).parent.glob("*.txt"))
    failed = 0
    for path in files:
        text = path.read_text()
        if mode == "doctest":
            parser = doctest.DocTestParser()
            test = parser.get_doctest(text, fresh_namespace(), path.name, str(path), 0)
            runner = doctest.DocTestRunner(optionflags=doctest.IGNORE_EXCEPTION_DETAIL)
            r = runner.run(test)
            failed += bool(r.failed)
            print(("FAIL " if r.failed else "ok ") + path.name)
            continue
        new = record_text(text, path.name)
        if mode == "record":
            if new != text:
                path.write_text(new)
                print("recorded", path.name)
        elif new != text:
            failed += 1
            print("DIFFERS", path.name)
        else:
            print("ok", path.name)
    if mode != "record":
        print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
