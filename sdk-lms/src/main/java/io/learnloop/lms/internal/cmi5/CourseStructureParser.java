package io.learnloop.lms.internal.cmi5;

import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a cmi5 course structure safely and strictly: the XML is parsed with DTDs, external entities, external schemas
 * and XInclude all refused (a document that declares a DOCTYPE is rejected outright), validated against the cmi5
 * CourseStructure XSD (section 13.2), and then checked for what the schema cannot say: ids unique within the
 * structure, launch URLs absolute http(s) URLs (section 14.2: a structure imported without a package must use fully
 * qualified URLs) whose query does not use the cmi5 launch parameter names (section 8.1).
 *
 * <p>Thread-safe: the compiled schemas are thread-safe; factories and validators are made per call.
 */
final class CourseStructureParser {
    static final String NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";
    static final String LEGACY_NAMESPACE = "http://www.adlnet.gov/cmi5/CourseStructure.xsd";
    static final int MAX_AUS = 10_000;
    private static final Set<String> LAUNCH_PARAMETERS = Set.of("endpoint", "fetch", "actor", "registration",
            "activityid");
    private static final Schema SCHEMA = schema(NAMESPACE);
    private static final Schema LEGACY_SCHEMA = schema(LEGACY_NAMESPACE);

    private CourseStructureParser() {
    }

    static ParsedStructure parse(String xml) {
        Document doc = document(xml);
        Element root = doc.getDocumentElement();
        String ns = root.getNamespaceURI();
        if (!"courseStructure".equals(root.getLocalName()) || !(NAMESPACE.equals(ns) || LEGACY_NAMESPACE.equals(ns))) {
            throw new Cmi5Exception(Problem.SCHEMA_VIOLATION, "The root element is {" + ns + "}" + root.getLocalName()
                    + "; a cmi5 course structure is a courseStructure element in the namespace " + NAMESPACE + ".");
        }
        validate(doc, NAMESPACE.equals(ns) ? SCHEMA : LEGACY_SCHEMA);
        return read(root, ns);
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(Errors.INSTANCE);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new Cmi5Exception(Problem.MALFORMED_XML, "The course structure is not well-formed or safe XML "
                    + "(line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + e.getMessage()
                    + " DTDs and entities are refused.", e);
        } catch (SAXException | IOException e) {
            throw new Cmi5Exception(Problem.MALFORMED_XML, "The course structure is not well-formed XML: "
                    + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser supports secure processing", e);
        }
    }

    private static void validate(Document doc, Schema schema) {
        try {
            Validator v = schema.newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.setErrorHandler(Errors.INSTANCE);
            v.validate(new DOMSource(doc));
        } catch (SAXParseException e) {
            throw new Cmi5Exception(Problem.SCHEMA_VIOLATION, "The course structure does not conform to the cmi5 "
                    + "CourseStructure XSD: " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new Cmi5Exception(Problem.SCHEMA_VIOLATION, "The course structure does not conform to the cmi5 "
                    + "CourseStructure XSD: " + e.getMessage(), e);
        }
    }

    private static ParsedStructure read(Element root, String ns) {
        Element course = child(root, ns, "course");
        String courseId = course.getAttribute("id").trim();
        List<ParsedStructure.Block> blocks = new ArrayList<>();
        List<ParsedStructure.Au> aus = new ArrayList<>();
        List<List<Integer>> blockAus = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        requireIri("course id", courseId);
        ids.add(courseId);
        walk(root, ns, -1, blocks, blockAus, aus, ids);
        List<ParsedStructure.Block> done = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            ParsedStructure.Block b = blocks.get(i);
            done.add(new ParsedStructure.Block(b.id(), b.title(), b.parent(), List.copyOf(blockAus.get(i))));
        }
        return new ParsedStructure(courseId, title(course, ns), done, aus);
    }

    private static void walk(Element parent, String ns, int block, List<ParsedStructure.Block> blocks,
                             List<List<Integer>> blockAus, List<ParsedStructure.Au> aus, Set<String> ids) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !ns.equals(e.getNamespaceURI())) {
                continue;
            }
            if ("block".equals(e.getLocalName())) {
                String id = unique(e, "block", ids);
                int index = blocks.size();
                blocks.add(new ParsedStructure.Block(id, title(e, ns), block, List.of()));
                blockAus.add(new ArrayList<>());
                walk(e, ns, index, blocks, blockAus, aus, ids);
            } else if ("au".equals(e.getLocalName())) {
                if (aus.size() >= MAX_AUS) {
                    throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "The course structure has more than " + MAX_AUS
                            + " AUs; split the course.");
                }
                int index = aus.size();
                aus.add(au(e, ns, block, ids));
                for (int b = block; b >= 0; b = blocks.get(b).parent()) {
                    blockAus.get(b).add(index);
                }
            }
        }
    }

    private static ParsedStructure.Au au(Element e, String ns, int block, Set<String> ids) {
        String id = unique(e, "au", ids);
        String url = text(child(e, ns, "url"));
        requireLaunchUrl(id, url);
        String mastery = e.getAttribute("masteryScore").trim();
        String method = e.getAttribute("launchMethod").trim();
        String moveOn = e.getAttribute("moveOn").trim();
        String type = e.getAttribute("activityType").trim();
        if (!type.isEmpty()) {
            requireIri("activityType of AU '" + id + "'", type);
        }
        return new ParsedStructure.Au(id, title(e, ns), url, method.isEmpty() ? "AnyWindow" : method,
                moveOn.isEmpty() ? "NotApplicable" : moveOn, mastery.isEmpty() ? null : Double.valueOf(mastery),
                optional(e, ns, "launchParameters"), optional(e, ns, "entitlementKey"), type.isEmpty() ? null : type,
                block);
    }

    private static String unique(Element e, String kind, Set<String> ids) {
        String id = e.getAttribute("id").trim();
        requireIri(kind + " id", id);
        if (!ids.add(id)) {
            throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "The " + kind + " id '" + id + "' appears more than once "
                    + "in the course structure; ids must be unique within it.");
        }
        return id;
    }

    private static void requireIri(String what, String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || value.length() > 2000) {
                throw new URISyntaxException(value, "not an absolute IRI of at most 2000 characters");
            }
        } catch (URISyntaxException e) {
            throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "The " + what + " '" + value + "' is not an absolute "
                    + "IRI; use an id such as https://example.com/courses/1.", e);
        }
    }

    private static void requireLaunchUrl(String au, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "The url of AU '" + au + "' is not a URL: "
                    + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "The url of AU '" + au + "' is '" + url + "'; a "
                    + "structure imported on its own must use fully qualified http(s) URLs (cmi5 section 14.2).");
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (LAUNCH_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new Cmi5Exception(Problem.INVALID_STRUCTURE, "The url of AU '" + au + "' has a query "
                            + "parameter '" + name + "', which is a cmi5 launch parameter name (cmi5 section 8.1).");
                }
            }
        }
    }

    private static String title(Element e, String ns) {
        Element title = child(e, ns, "title");
        for (Node n = title.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element l && "langstring".equals(l.getLocalName())) {
                return text(l);
            }
        }
        return "";
    }

    private static String optional(Element e, String ns, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && ns.equals(c.getNamespaceURI()) && name.equals(c.getLocalName())) {
                String value = text(c);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static Element child(Element e, String ns, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && ns.equals(c.getNamespaceURI()) && name.equals(c.getLocalName())) {
                return c;
            }
        }
        // the schema requires it: reaching here means validation was skipped
        throw new IllegalStateException("validated structure lacks <" + name + ">");
    }

    private static String text(Element e) {
        return e.getTextContent().trim();
    }

    private static Schema schema(String namespace) {
        try (InputStream in = CourseStructureParser.class.getResourceAsStream("CourseStructure.xsd")) {
            if (in == null) {
                throw new IllegalStateException("CourseStructure.xsd is missing from the sdk-lms jar");
            }
            String xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!namespace.equals(NAMESPACE)) {
                xsd = xsd.replace("\"" + NAMESPACE + "\"", "\"" + namespace + "\"");
            }
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(new StreamSource(new StringReader(xsd)));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("the cmi5 CourseStructure XSD cannot be loaded", e);
        }
    }

    /** Turns warnings into nothing and errors into exceptions, so the first problem stops the parse. */
    private enum Errors implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException e) {
            // warnings (such as a lax element without a schema) do not make a structure invalid
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
