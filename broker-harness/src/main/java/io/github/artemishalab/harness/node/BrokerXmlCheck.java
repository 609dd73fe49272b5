package io.github.artemishalab.harness.node;

import io.github.artemishalab.harness.lab.LabException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.apache.activemq.artemis.utils.XMLUtil;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a broker.xml before a broker is built from it, so that a mistake is reported as file, line and reason
 * instead of a stack trace. It substitutes {@code ${name:default}} as Artemis does, then checks the XML is well
 * formed and that its {@code <core>} element is valid against Artemis's own schema.
 */
public final class BrokerXmlCheck {

    private static final String CORE_NS = "urn:activemq:core";

    private BrokerXmlCheck() {
    }

    public static void check(Path file) {
        String xml;
        try {
            xml = XMLUtil.replaceSystemPropsInString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new LabException(LabException.USAGE, "broker config " + file + " does not exist");
        } catch (IOException e) {
            throw new LabException(LabException.USAGE, "cannot read broker config " + file + ": " + e.getMessage());
        }
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            CoreValidator handler = new CoreValidator(schema());
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.parse(new InputSource(new StringReader(xml)));
            if (!handler.sawCore) {
                throw new LabException(LabException.USAGE, file + ": no <core xmlns=\"" + CORE_NS
                        + "\"> element: is this a broker.xml?");
            }
        } catch (SAXParseException e) {
            throw new LabException(LabException.USAGE, file + ":" + e.getLineNumber() + ":" + e.getColumnNumber()
                    + ": " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new LabException(LabException.USAGE, file + ": " + e.getMessage());
        }
    }

    private static Schema schema() throws SAXException {
        URL xsd = BrokerXmlCheck.class.getClassLoader().getResource("schema/artemis-configuration.xsd");
        if (xsd == null) {
            throw new SAXException("Artemis's schema/artemis-configuration.xsd is not on the classpath");
        }
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return sf.newSchema(xsd);
    }

    /** Forwards the events inside {@code <core>} to a schema validator; everything else only needs to be well formed. */
    private static final class CoreValidator extends DefaultHandler {
        private final ValidatorHandler validator;
        private Locator locator;
        private int coreDepth;
        boolean sawCore;

        CoreValidator(Schema schema) {
            this.validator = schema.newValidatorHandler();
            this.validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (coreDepth == 0 && CORE_NS.equals(uri) && "core".equals(localName)) {
                sawCore = true;
                validator.setDocumentLocator(locator);
                validator.startDocument();
                validator.startPrefixMapping("", CORE_NS);
            }
            if (sawCore && coreDepth >= 0 && (coreDepth > 0 || "core".equals(localName))) {
                coreDepth++;
                validator.startElement(uri, localName, qName, withoutSchemaLocation(atts));
            }
        }

        private static Attributes withoutSchemaLocation(Attributes atts) {
            org.xml.sax.helpers.AttributesImpl copy = new org.xml.sax.helpers.AttributesImpl(atts);
            for (int i = copy.getLength() - 1; i >= 0; i--) {
                if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(copy.getURI(i))) {
                    copy.removeAttribute(i);
                }
            }
            return copy;
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (coreDepth > 0) {
                validator.endElement(uri, localName, qName);
                coreDepth--;
                if (coreDepth == 0) {
                    validator.endPrefixMapping("");
                    validator.endDocument();
                    coreDepth = -1;
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (coreDepth > 0) {
                validator.characters(ch, start, length);
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
