package io.learnloop.examples.storefront;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders what learners write (notes, community posts) from Markdown to HTML that is safe to put in a page: raw HTML
 * in the text is escaped, not passed through; link targets other than http, https, mailto and relative ones are
 * dropped; images become plain links, since the content security policy loads no image from elsewhere and a
 * learner's image must not load in another learner's browser. Links carry {@code rel="nofollow noopener ugc"}.
 *
 * <p>Thread-safe: commonmark's parser and renderer are immutable and may be shared.
 */
final class Markdown {
    private static final Parser PARSER = Parser.builder().postProcessor(Markdown::imagesToLinks).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener ugc");
                }
            })
            .build();

    private Markdown() {
    }

    /**
     * Renders Markdown.
     *
     * @param markdown the learner's text; null renders as nothing
     * @return safe HTML
     */
    static String render(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown));
    }

    private static Node imagesToLinks(Node document) {
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
                visitChildren(image);
            }
        });
        for (Image image : images) {
            Link link = new Link(image.getDestination(), image.getTitle());
            Node child = image.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                link.appendChild(child);
                child = next;
            }
            image.insertBefore(link);
            image.unlink();
        }
        return document;
    }
}
