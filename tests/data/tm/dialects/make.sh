#!/bin/sh
# Writes the one file here a tool writes (the others are written by hand: see README.md):
#   ttk-tbx2tmx.tmx: translate-toolkit 3.20's tbx2tmx of ../../glossary/dialects/iate-export.tbx
#   (pip install translate-toolkit).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tbx2tmx --progress none --source-language en -l fr "$here/../../glossary/dialects/iate-export.tbx" "$here/ttk-tbx2tmx.tmx"
