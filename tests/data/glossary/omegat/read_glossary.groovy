// Run by OmegaT 3.6 in console mode (omegat PROJECT --mode=console-translate --script=THIS -Dwb.out=FILE):
// once the project is loaded, read each file of its glossary/ folder with OmegaT's own glossary readers and
// write what they give, one entry a line: file, source term, target term, comment (line breaks as " | "),
// and how many of the project's source segments hold the source term.
import org.omegat.gui.glossary.*

if (eventType.toString() == "COMPILE") {
    def out = new File(System.getProperty("wb.out"))
    out.text = ""
    def sources = project.allEntries.collect { it.srcText }
    new File(project.projectProperties.glossaryRoot).listFiles().sort { it.name }.each { f ->
        def name = f.name.toLowerCase()
        def entries = null
        if (name.endsWith(".tbx")) entries = GlossaryReaderTBX.read(f, false)
        else if (name.endsWith(".csv")) entries = GlossaryReaderCSV.read(f, false)
        else if (name.endsWith(".txt") || name.endsWith(".tab") || name.endsWith(".utf8")) entries = GlossaryReaderTSV.read(f, false)
        entries?.each { e ->
            def hits = sources.count { it.contains(e.srcText) }
            out << [f.name, e.srcText, e.locText, e.commentText.replace("\n", " | "), hits].join("\t") + "\n"
        }
    }
}
