#!/usr/bin/env python3
"""core/ is a library of text in, values out: no UI, platform, file or network includes."""
import os, re, sys

banned = re.compile(r'#\s*include\s*[<"](imgui|GLFW|emscripten|fstream|filesystem|cstdio\b.*fopen|sys/|netinet|curl|windows\.h|unistd\.h)', re.I)
bad = []
for base, _, names in os.walk(sys.argv[1]):
    for n in names:
        path = os.path.join(base, n)
        for no, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
            if banned.search(line) or re.search(r"\b(fopen|ifstream|ofstream|__EMSCRIPTEN__)\b", line):
                bad.append(f"{path}:{no}: {line.strip()}")
print("\n".join(bad) if bad else "core/ is free of UI, platform and I/O code")
sys.exit(1 if bad else 0)
