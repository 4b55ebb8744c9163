package dev.costguard.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** A small XML writer for the query and REST-XML responses, and a safe parser for request bodies. */
final class Xml {

    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();

    private Xml(boolean declaration) {
        out = new StringBuilder(declaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "");
    }

    static Xml document(String root, String namespace) {
        Xml xml = new Xml(true);
        xml.out.append('<').append(root).append(" xmlns=\"").append(namespace).append("\">");
        xml.open.push(root);
        return xml;
    }

    static Xml document(String root) {
        return new Xml(true).open(root);
    }

    /** A part of another document: no declaration, no namespace of its own. */
    static Xml fragment(String root) {
        return new Xml(false).open(root);
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    Xml close() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with text; null writes nothing, as AWS omits members it has no value for. */
    Xml leaf(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        }
        return this;
    }

    /** Writes an already-built fragment, used to embed one document's body (e.g. a DistributionConfig) in another. */
    Xml raw(String fragment) {
        out.append(fragment);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder done = new StringBuilder(out);
        open.forEach(name -> done.append("</").append(name).append('>'));
        return done.toString();
    }

    /** Text content only: no attribute value is ever built from input, so quotes need no escaping. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Parses a request body with DTDs off: the body comes from the network. */
    static Document parse(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw AwsError.client("MalformedXML", "The XML you provided was not well-formed: " + e.getMessage());
        }
    }
}
