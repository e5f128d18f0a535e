#!/usr/bin/env python3
# test-accessibility.py — the window as a screen reader reads it
#
# Copyright 2026 The Levelmap authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs levelmap with the accessibility bus (in a session bus of its own:
# meson passes the path of dbus-run-session), walks the window's tree
# through AT-SPI as Orca does, and fails on any control announced by a
# class name ("GtkToggleButton"), with no name, or with its name said
# twice ("Level Level", "_Choose Data Folder… Choose Data Folder…").
# Prints TAP.

import os
import re
import subprocess
import sys
import tempfile
import time

try:
    if "--missing-tools" in sys.argv:
        raise ImportError
    import pyatspi
except ImportError:
    print("1..1")
    print("not ok 1 - dbus-run-session and python3-pyatspi are needed "
          "(Debian packages dbus-daemon, at-spi2-core and python3-pyatspi)")
    sys.exit(1)

# What a user operates: each needs a proper name.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_IMAGE, pyatspi.ROLE_LINK, pyatspi.ROLE_SCROLL_BAR,
}
CLASS_NAME = re.compile(r"^(Gtk|Adw|Lm)[A-Z][A-Za-z]*$")
TIMEOUT = 60


def doubled(name):
    """ "A B A B", or a mnemonic underscore left in: the name said twice. """
    words = name.replace("_", "").split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return True
    return re.search(r"(^|\s)_\w", name) is not None


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def walk(node, path, found, depth=0, in_control=False):
    if node is None or depth > 60:
        return
    try:
        role = node.getRole()
        name = node.name or ""
        children = list(node)
    except Exception:
        return
    # GTK 4.8 says nothing is showing: every widget counts, shown or
    # not (a page of a stack, a closed panel), as it should be named.
    # What lies inside a button (its icon, its label) is read as the
    # button: only the button's own name counts.
    here = path + [node.getRoleName()]
    if not in_control:
        found.append((role, name, node.getRoleName(), " > ".join(here[-4:])))
    inside = in_control or role in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON,
                                     pyatspi.ROLE_COMBO_BOX)
    for child in children:
        walk(child, here, found, depth + 1, inside)


def wait_for(condition, what):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        result = condition()
        # An accessible with no children is false in Python: test for None.
        if result is not None and result is not False:
            return result
        time.sleep(0.25)
    raise TimeoutError("waited %d s for %s" % (TIMEOUT, what))


def has_name(app, pattern):
    found = []
    for window in app:
        walk(window, [], found)
    return any(re.search(pattern, name) for _, name, _, _ in found)


def check(title, extra_env, ready_pattern):
    """Starts levelmap, waits for a name matching @ready_pattern, returns the problems."""
    env = dict(os.environ)
    env.update(extra_env)
    # The window talks to the accessibility bus: never GTK_A11Y=none here.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["GSETTINGS_BACKEND"] = "memory"
    log = tempfile.TemporaryFile()
    # A display that a virtual X server is still starting may refuse the
    # first connection: a program that stopped at once gets two more tries.
    for attempt in range(3):
        proc = subprocess.Popen([os.environ["LEVELMAP_BINARY"]], env=env,
                                stdout=subprocess.DEVNULL, stderr=log)
        try:
            proc.wait(2)
        except subprocess.TimeoutExpired:
            break
        time.sleep(2)
    try:
        app = wait_for(lambda: find_app(proc.pid), "levelmap on the accessibility bus")
        wait_for(lambda: has_name(app, ready_pattern), title)
        time.sleep(1)  # the panels made after the map
        found = []
        for window in app:
            walk(window, [], found)
    except TimeoutError:
        log.seek(0)
        for line in log.read().decode(errors="replace").splitlines()[:20]:
            print("# levelmap: %s" % line)
        raise
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    problems = []
    for role, name, role_name, where in found:
        if role not in CONTROL_ROLES:
            continue
        if name.strip() == "":
            problems.append("%s with no name (%s)" % (role_name, where))
        elif CLASS_NAME.match(name.strip()):
            problems.append("%s named by its class, “%s” (%s)" % (role_name, name, where))
        elif doubled(name):
            problems.append("%s named twice, “%s” (%s)" % (role_name, name, where))
    return found, problems


def run_in_session():
    """Runs this script again in a session bus of its own (dbus-run-session,
    named by meson) and passes its TAP on: the daemons that bus starts
    write to the standard output, which is not TAP."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".tap") as tap:
        env = dict(os.environ, LEVELMAP_A11Y_TAP=tap.name)
        done = subprocess.run([sys.argv[1], "--", sys.executable, __file__], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        report = tap.read()
        print(report, end="")
        if "1.." not in report:
            print("1..1")
            print("not ok 1 - the test did not run in its session bus")
        for line in done.stdout.decode(errors="replace").splitlines():
            print("# %s" % line)
        return done.returncode


def main():
    if "LEVELMAP_A11Y_TAP" not in os.environ:
        return run_in_session()
    sys.stdout = open(os.environ["LEVELMAP_A11Y_TAP"], "w", buffering=1)
    tests = [
        ("the window with its data", {}, r"^Map of "),
        ("the window without data",
         {"LEVELMAP_DATA_DIR": tempfile.mkdtemp(prefix="levelmap-a11y-")}, r"Data Folder"),
    ]
    print("1..%d" % len(tests))
    status = 0
    for number, (title, env, ready) in enumerate(tests, 1):
        try:
            found, problems = check(title, env, ready)
        except TimeoutError as error:
            print("not ok %d - %s: %s" % (number, title, error))
            status = 1
            continue
        print("# %s: %d accessible objects" % (title, len(found)))
        for problem in problems:
            print("# %s" % problem)
        if problems:
            print("not ok %d - %s: %d controls badly named" % (number, title, len(problems)))
            status = 1
        else:
            print("ok %d - %s" % (number, title))
    return status


if __name__ == "__main__":
    sys.exit(main())
