package io.newsflow.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * analysis-common's {@code reverse}: each token's characters in reverse order. Lets a
 * {@code pattern_replace} that works on a word's end be anchored at its start ({@code ^}), where
 * Java's regular expressions try one position instead of every one (bench/search/README.md,
 * Per-language fields).
 */
@NamedComponent("reverse")
public class ReverseFilterFactory implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream input) {
        return new ReverseStringFilter(input);
    }

    @Override
    public TokenStream normalize(TokenStream input) {
        return create(input);
    }
}
