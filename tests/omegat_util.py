"""Run OmegaT 3.6 headless (Debian's ``omegat`` package) on a copy of data/tm/peers/omegat-ar/ (Arabic
to English, one HTML article) and read back what its own readers make of the files given to it."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


from tools import needs

DATA = Path(__file__).parent / "data"
JAR = Path("/usr/share/omegat/OmegaT.jar")
#: Skip a test where OmegaT is not installed.
needs_omegat = needs("omegat", "java", install="apt-get install -y omegat")


def omegat_glossary(tmp_path: Path, files: list[Path]) -> list[list[str]]:
    """The entries OmegaT's glossary readers give for ``files`` in the project's glossary/ folder:
    (file, source term, target term, comment, source segments holding the term)."""
    project = tmp_path / "omegat-project"
    shutil.copytree(DATA / "tm" / "peers" / "omegat-ar", project)
    for folder in ("omegat", "target", "glossary", "dictionary"):
        (project / folder).mkdir(exist_ok=True)
    for f in files:
        shutil.copy(f, project / "glossary" / f.name)
    out = tmp_path / "entries.tsv"
    subprocess.run(["java", f"-Dwb.out={out}", "-jar", str(JAR), str(project), "--mode=console-translate",
                    f"--script={DATA / 'glossary' / 'omegat' / 'read_glossary.groovy'}"],
                   check=True, capture_output=True, timeout=300)
    return [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
