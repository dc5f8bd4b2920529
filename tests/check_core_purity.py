#!/usr/bin/env python3
"""core/ is a library of text in, values out: no UI, platform, file, console or network code.
usage: check_core_purity.py CORE_DIR"""
import os, re, sys

# Headers core/ never includes. <cstdio> stays allowed for snprintf; its file and console
# functions are caught by CODE below.
HEADERS = {
    "imgui": r"imgui",
    "GLFW": r"GLFW/",
    "emscripten": r"emscripten",
    "fstream": r"fstream>",
    "filesystem": r"filesystem>",
    "iostream": r"iostream>",
    "POSIX sys/": r"sys/",
    "netinet": r"netinet/",
    "curl": r"curl/",
    "windows.h": r"windows\.h",
    "unistd.h": r"unistd\.h",
}
INCLUDE = r'^\s*#\s*include\s*[<"]'

# Code that reads, writes or prints, or builds only for one platform.
CODE = {
    "C stdio file or console call": r"\b(fopen|freopen|fclose|fread|fwrite|fprintf|fputs|fgets|fscanf|printf|puts|scanf|perror)\s*\(",
    "file stream": r"\b(ifstream|ofstream|fstream)\b",
    "standard stream": r"\bstd::(cout|cerr|clog|cin)\b",
    "Emscripten-only code": r"\b__EMSCRIPTEN__\b",
}

PATTERNS = {name: re.compile(INCLUDE + body, re.I) for name, body in HEADERS.items()}
PATTERNS.update({name: re.compile(body) for name, body in CODE.items()})


def problems(folder):
    found = []
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for n in sorted(names):
            path = os.path.join(base, n)
            for no, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
                hits = [name for name, pattern in PATTERNS.items() if pattern.search(line)]
                if hits:
                    found.append(f"{path}:{no}: {line.strip()}  ({', '.join(hits)})")
    return found


if __name__ == "__main__":
    bad = problems(sys.argv[1])
    print("\n".join(bad) if bad else "core/ is free of UI, platform and I/O code")
    sys.exit(1 if bad else 0)
