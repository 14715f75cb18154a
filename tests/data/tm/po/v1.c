/* Version 1 of a small program: the strings the Arabic translation was made from. */
#include <libintl.h>
#include <stdio.h>
#define _(s) gettext (s)
#define pgettext(c, s) gettext (s)

int
main (int argc, char **argv)
{
  int n = argc;
  puts (_("Close the file"));
  puts (_("Save the document"));
  /* TRANSLATORS: how many documents were signed. */
  printf (ngettext ("%d document", "%d documents", n), n);
  puts (pgettext ("menu", "Open"));
  puts (_("Print"));
  return 0;
}
