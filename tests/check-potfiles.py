#!/usr/bin/env python3
# check-potfiles.py — every source file with translatable strings is in
# po/POTFILES.in, and everything listed there exists.
#
# Copyright 2026 The Levelmap authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A C file counts when code (not a comment or a string) calls one of the
# gettext keywords the glib preset of i18n.gettext() extracts; a .ui file
# when it marks a property translatable. Run by meson test (suite "build")
# with the source root as the argument.

import os
import re
import sys

KEYWORDS = re.compile(r'(?<![A-Za-z0-9_])'
                      r'(_|N_|C_|NC_|Q_|gettext|ngettext|dgettext|dngettext|'
                      r'g_dgettext|g_dngettext|g_dpgettext2)\s*\(')
SOURCE_DIRS = ('app', 'model', 'widgets', 'resources')


def code_only(text):
    """The C text with comments and string and character literals blanked."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            i = n if end < 0 else end + 2
            out.append(' ')
        elif text.startswith('//', i):
            end = text.find('\n', i)
            i = n if end < 0 else end
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j + 1
            out.append(c + c)
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def needs_listing(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.c'):
        return KEYWORDS.search(code_only(text)) is not None
    if path.endswith('.ui'):
        return 'translatable="yes"' in text
    return False


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.startswith('#')]
    problems = []
    for entry in listed:
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f'po/POTFILES.in lists {entry}, which does not exist')
    for top in SOURCE_DIRS:
        for folder, _dirs, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, root)
                if relative not in listed and needs_listing(path):
                    problems.append(f'{relative} has translatable strings but is not in po/POTFILES.in')
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f'{len(listed)} files listed, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
