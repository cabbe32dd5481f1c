// Copies the <dependency> elements of every ```xml block in README.md and docs/**/*.md into this project's pom.
// A block's <dependencyManagement> may only import the Learnloop BOM, at this build's version: anything else would
// be a second source of versions that this project does not test.
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.transform.OutputKeys
import javax.xml.transform.TransformerFactory
import javax.xml.transform.dom.DOMSource
import javax.xml.transform.stream.StreamResult
import org.w3c.dom.Element
import org.w3c.dom.Node

// learnloopRoot and learnloopVersion come from the invoker's scriptVariables in host-tests/pom.xml.
File root = new File(learnloopRoot as String).canonicalFile

List<File> guides = [new File(root, 'README.md')]
new File(root, 'docs').eachFileRecurse { if (it.name.endsWith('.md')) guides << it }
guides.sort()

def fence = ~/(?ms)^```xml[^\n]*\n(.*?)^```/
Map<String, String> dependencies = [:]   // "groupId:artifactId" -> the element, as written in the guide
Map<String, String> seen = [:]           // "groupId:artifactId" -> its coordinates, version and scope
List<String> problems = []
int blocks = 0
guides.each { File guide ->
    String where = root.toPath().relativize(guide.toPath()).toString()
    def m = fence.matcher(guide.getText('UTF-8'))
    while (m.find()) {
        blocks++
        Element snippet
        try {
            def factory = DocumentBuilderFactory.newInstance()
            factory.setFeature('http://apache.org/xml/features/disallow-doctype-decl', true)
            snippet = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(("<snippet>" + m.group(1) + "</snippet>").getBytes('UTF-8')))
                    .documentElement
        } catch (Exception e) {
            problems << "${where}: an xml block is not well-formed: ${e.message}"
            continue
        }
        def all = snippet.getElementsByTagName('dependency')
        for (int i = 0; i < all.length; i++) {
            Element dependency = (Element) all.item(i)
            String ga = text(dependency, 'groupId') + ':' + text(dependency, 'artifactId')
            if (inside(dependency, 'dependencyManagement')) {
                if (ga != 'io.learnloop:sdk-bom' || text(dependency, 'scope') != 'import') {
                    problems << "${where}: <dependencyManagement> manages ${ga}; the guides only import io.learnloop:sdk-bom"
                } else if (text(dependency, 'version') != (learnloopVersion as String)) {
                    problems << "${where}: imports sdk-bom ${text(dependency, 'version')}, but this build is ${learnloopVersion}"
                }
                continue
            }
            String written = serialize(dependency)
            String coordinates = ['groupId', 'artifactId', 'version', 'type', 'classifier', 'scope']
                    .collect { text(dependency, it) }.join(':')
            if (seen.containsKey(ga) && seen[ga] != coordinates) {
                problems << "${where}: ${ga} is written as ${coordinates} here but as ${seen[ga]} in another guide"
            }
            seen[ga] = coordinates
            dependencies[ga] = written
        }
    }
}
if (blocks == 0 || dependencies.isEmpty()) {
    problems << "no xml dependency snippet found under ${root}"
}
if (!problems.isEmpty()) {
    throw new IllegalStateException("The guides' xml snippets need fixing:\n  " + problems.join('\n  '))
}

File pom = new File(basedir, 'pom.xml')
String marker = '<!-- SNIPPET DEPENDENCIES -->'
pom.setText(pom.getText('UTF-8').replace(marker, dependencies.values().join('\n')), 'UTF-8')
println "doc-snippets: ${dependencies.size()} dependencies from ${blocks} xml blocks: ${dependencies.keySet().join(', ')}"
return true

static String text(Element element, String child) {
    for (Node n = element.firstChild; n != null; n = n.nextSibling) {
        if (n instanceof Element && n.nodeName == child) {
            return n.textContent.trim()
        }
    }
    return null
}

static boolean inside(Element element, String ancestor) {
    for (Node n = element.parentNode; n != null; n = n.parentNode) {
        if (n.nodeName == ancestor) {
            return true
        }
    }
    return false
}

static String serialize(Element element) {
    def transformer = TransformerFactory.newInstance().newTransformer()
    transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, 'yes')
    def out = new StringWriter()
    transformer.transform(new DOMSource(element), new StreamResult(out))
    return out.toString()
}
