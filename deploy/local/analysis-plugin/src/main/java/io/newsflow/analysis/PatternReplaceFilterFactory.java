package io.newsflow.analysis;

import java.util.regex.Pattern;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * analysis-common's {@code pattern_replace}: a Java regex over each token (no flags setting).
 *
 * <p>Elasticsearch also instantiates each stable-plugin filter once with empty settings when an
 * index defines its analysis, so a missing pattern cannot be refused in the constructor (the
 * index could never be created); a filter without one fails when it is used instead.
 */
@NamedComponent("pattern_replace")
public class PatternReplaceFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "pattern", defaultValue = "")
        String pattern();

        @StringSetting(path = "replacement", defaultValue = "")
        String replacement();

        @BooleanSetting(path = "all", defaultValue = true)
        boolean all();
    }

    private final Pattern pattern;
    private final String replacement;
    private final boolean all;

    @Inject
    public PatternReplaceFilterFactory(Settings settings) {
        this.pattern = settings.pattern().isEmpty() ? null : Pattern.compile(settings.pattern());
        this.replacement = settings.replacement();
        this.all = settings.all();
    }

    @Override
    public TokenStream create(TokenStream input) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is missing for [pattern_replace] token filter");
        }
        return new PatternReplaceFilter(input, pattern, replacement, all);
    }
}
