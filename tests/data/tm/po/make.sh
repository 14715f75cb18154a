#!/bin/sh
# Writes ar.po again from ar-v1.po and v2.c with GNU gettext (Debian: apt-get install gettext unicode-cldr-core).
#   ar-v1.po: the Arabic translation of v1.c, made by
#     xgettext --keyword=_ --keyword=pgettext:1c,2 --add-comments=TRANSLATORS: -o v1.pot v1.c
#     GETTEXTCLDRDIR=/usr/share/unicode/cldr msginit --no-translator --locale=ar -i v1.pot -o ar-v1.po
#   (Plural-Forms from CLDR: six forms, msgstr[0] for n==0) and translated by hand;
#   ar.po: msgmerge of ar-v1.po with the strings of v2.c, as a project updates its translation:
#     "Close the window" comes out fuzzy with the translation of "Close the file", "Print" obsolete (#~),
#     "Quit" untranslated.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
msgfmt --check -o /dev/null ar-v1.po
xgettext --keyword=_ --keyword=pgettext:1c,2 --add-comments=TRANSLATORS: --package-name=demo \
    --package-version=2 --msgid-bugs-address=x@example.org -o "$work/v2.pot" v2.c
msgmerge --quiet --no-wrap --previous -o ar.po ar-v1.po "$work/v2.pot"
