"""Seeds the `eval` fuzz target's corpus from the differential Python corpus: one file per
transcript, its inputs joined by NUL bytes (the target's input format).

    python3 fuzz/seed_eval.py        # writes fuzz/corpus/eval/*
"""
from pathlib import Path

root = Path(__file__).resolve().parent
out = root / "corpus" / "eval"
out.mkdir(parents=True, exist_ok=True)
for path in sorted((root.parent / "tests" / "python").glob("*.txt")):
    inputs, current = [], None
    for line in path.read_text().splitlines():
        if line.startswith(">>> ") or line == ">>>":
            if current is not None:
                inputs.append(current)
            current = line[4:]
        elif current is not None and (line.startswith("... ") or line == "..."):
            current += "\n" + line[4:]
        elif current is not None:
            inputs.append(current)
            current = None
    if current is not None:
        inputs.append(current)
    # Chunks of eight inputs (the target runs at most eight per session).
    for n in range(0, len(inputs), 8):
        (out / f"{path.stem}-{n // 8:03}").write_bytes("\0".join(inputs[n : n + 8]).encode())
