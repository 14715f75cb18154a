/* Version 2: "Close the file" became "Close the window", "Print" is gone, "Quit" is new. */
#include <libintl.h>
#include <stdio.h>
#define _(s) gettext (s)
#define pgettext(c, s) gettext (s)

int
main (int argc, char **argv)
{
  int n = argc;
  puts (_("Close the window"));
  puts (_("Save the document"));
  /* TRANSLATORS: how many documents were signed. */
  printf (ngettext ("%d document", "%d documents", n), n);
  puts (pgettext ("menu", "Open"));
  puts (_("Quit"));
  return 0;
}
