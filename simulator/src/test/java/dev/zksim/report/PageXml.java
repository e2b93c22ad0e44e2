package dev.zksim.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses a report strictly as XML (the page is well-formed by design) and walks it, for assertions. */
final class PageXml {
    private final Document doc;

    private PageXml(Document doc) {
        this.doc = doc;
    }

    static PageXml parse(String html) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setExpandEntityReferences(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return new PageXml(builder.parse(new InputSource(new StringReader(html))));
        } catch (Exception e) {
            throw new AssertionError("the page is not well-formed: " + e.getMessage(), e);
        }
    }

    /** All elements in document order. */
    List<Element> elements() {
        List<Element> all = new ArrayList<>();
        NodeList list = doc.getElementsByTagName("*");
        for (int i = 0; i < list.getLength(); i++) {
            all.add((Element) list.item(i));
        }
        return all;
    }

    /** Elements with the tag whose class attribute contains the word. */
    List<Element> byClass(String tag, String cssClass) {
        return elements().stream()
                .filter(e -> e.getTagName().equals(tag))
                .filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cssClass))
                .toList();
    }

    List<Element> byTag(String tag) {
        return elements().stream().filter(e -> e.getTagName().equals(tag)).toList();
    }

    Element byId(String id) {
        return elements().stream()
                .filter(e -> e.getAttribute("id").equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    /** Every text node's content and every attribute value, in document order. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        collect(doc.getDocumentElement(), out);
        return out;
    }

    /** All attribute names used anywhere. */
    List<String> attributeNames() {
        List<String> out = new ArrayList<>();
        for (Element e : elements()) {
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                out.add(attrs.item(i).getNodeName());
            }
        }
        return out;
    }

    /** The {@code <title>} child texts of the elements given (the hover texts of the timeline). */
    static List<String> hovers(List<Element> elements) {
        List<String> out = new ArrayList<>();
        for (Element e : elements) {
            NodeList kids = e.getChildNodes();
            for (int i = 0; i < kids.getLength(); i++) {
                if (kids.item(i) instanceof Element k && k.getTagName().equals("title")) {
                    out.add(k.getTextContent());
                }
            }
        }
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (node.getNodeType() == Node.TEXT_NODE) {
            out.add(node.getNodeValue());
        }
        if (node instanceof Element e) {
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                out.add(attrs.item(i).getNodeValue());
            }
        }
        NodeList kids = node.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            collect(kids.item(i), out);
        }
    }
}
