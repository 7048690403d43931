package io.careboard.deploy;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The facts pom.xml holds about the shipped artifact: its version and the one container image name. */
record BuildFacts(String version, String image) {

    static BuildFacts fromPom() {
        try {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
            Element project = pom.getDocumentElement();
            String version = child(project, "version");
            Element properties = (Element) project.getElementsByTagName("properties").item(0);
            return new BuildFacts(version, child(properties, "careboard.image"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read pom.xml", e);
        }
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        throw new IllegalStateException("pom.xml has no " + name + " under " + parent.getTagName());
    }
}
