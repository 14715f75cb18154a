#!/bin/sh
# Writes the glossaries of other tools in this folder again (pip install translate-toolkit).
#   csv2tbx.tbx: translate-toolkit 3.20's csv2tbx of terms.csv (comment, source, target): TBX v2 (martif) whose
#     entry ids are the source terms (spaces, a leading digit, a colon, one id twice) and whose target
#     language is "xx", as csv2tbx writes when it is not told one.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
csv2tbx "$here/terms.csv" "$here/csv2tbx.tbx"
