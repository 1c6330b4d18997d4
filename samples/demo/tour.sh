# The xzone tour: bin/demo runs this in the lab's dom0 (busybox sh, working folder /lab/share).
# xl, xenstore-*, java and xzone (this checkout's build) are on PATH. Add steps with `step "title"` and commands.
set -e
step() { printf '\n== %s\n' "$*"; }

step "Xen as dom0 sees it (xl info)"
xl info

step "xzone, run by dom0 from this checkout's build (xzone --version)"
xzone --version
