package io.newsflow.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** analysis-common's {@code arabic_normalization}: alef/hamza forms, ya, ta marbuta, diacritics, tatweel. */
@NamedComponent("arabic_normalization")
public class ArabicNormalizationFilterFactory implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream input) {
        return new ArabicNormalizationFilter(input);
    }

    /** Also applied to wildcard and prefix terms, as analysis-common does. */
    @Override
    public TokenStream normalize(TokenStream input) {
        return create(input);
    }
}
