import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * CPU time of analysing a corpus with filter chains, in one JVM, without Elasticsearch: which
 * filter of {@code newsflow_text} costs what, free of the noise of a shared host. The classes
 * are the ones Elasticsearch builds for the template's filters (bench/search/README.md).
 *
 * <pre>
 * ES=.stack/elasticsearch-9.2.4/lib
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp $ES/lucene-core-10.3.2.jar:$ES/lucene-analysis-common-10.3.2.jar \
 *   bench/search/ChainCost.java texts.txt 5 'standard:lower' \
 *   'template:poss;lower;digit;stop;arnorm;re=ي(?<=\p{L}{4})ه?$;arstem;re=^(?=[وفبكل])...;kstem'
 * </pre>
 *
 * texts.txt: one document a line (title and body). Each chain is {@code name:filter;filter;...}
 * after the standard tokenizer; {@code re=PATTERN} is {@code pattern_replace} with replacement ""
 * and all=false. Two unmeasured warm-up rounds, then the rounds alternate the chains' order;
 * prints the median thread CPU per chain and a hash of the tokens it produced (equal hashes:
 * equal output).
 */
public class ChainCost {
    private static final CharArraySet STOP = new CharArraySet(ArabicAnalyzer.getDefaultStopSet(), false);

    static {
        STOP.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);  // "stopwords": ["_arabic_", "_english_"]
    }

    private static final CharArraySet ARABIC_STOP = ArabicAnalyzer.getDefaultStopSet();  // "_arabic_"
    private static final CharArraySet ENGLISH_STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;  // "_english_"

    static TokenStream filter(String name, TokenStream in) {
        if (name.startsWith("re=")) {
            return new PatternReplaceFilter(in, Pattern.compile(name.substring(3)), "", false);
        }
        return switch (name) {
            case "poss" -> new EnglishPossessiveFilter(in);
            case "lower" -> new LowerCaseFilter(in);
            case "digit" -> new DecimalDigitFilter(in);
            case "stop" -> new StopFilter(in, STOP);
            case "arstop" -> new StopFilter(in, ARABIC_STOP);
            case "enstop" -> new StopFilter(in, ENGLISH_STOP);
            case "arnorm" -> new ArabicNormalizationFilter(in);
            case "arstem" -> new ArabicStemFilter(in);
            case "kstem" -> new KStemFilter(in);
            case "porter" -> new PorterStemFilter(in);
            case "minimal" -> new EnglishMinimalStemFilter(in);
            case "reverse" -> new ReverseStringFilter(in);
            default -> throw new IllegalArgumentException("unknown filter " + name);
        };
    }

    static Analyzer chain(List<String> filters) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = tokenizer;
                for (String name : filters) stream = filter(name, stream);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    public static void main(String[] args) throws Exception {
        List<String> docs = Files.readAllLines(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        Map<String, Analyzer> chains = new LinkedHashMap<>();
        for (String spec : Arrays.copyOfRange(args, 2, args.length)) {
            String[] parts = spec.split(":", 2);
            chains.put(parts[0], chain(Arrays.asList(parts[1].split(";"))));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, Long> hashes = new LinkedHashMap<>();
        for (int round = -2; round < rounds; round++) {
            List<String> order = new ArrayList<>(chains.keySet());
            if (round % 2 != 0) Collections.reverse(order);
            for (String name : order) {
                long started = threads.getCurrentThreadCpuTime();
                long hash = 0;
                for (String doc : docs) {
                    try (TokenStream stream = chains.get(name).tokenStream("f", doc)) {
                        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                        stream.reset();
                        while (stream.incrementToken()) hash = hash * 31 + term.toString().hashCode();
                        stream.end();
                    }
                }
                double spent = (threads.getCurrentThreadCpuTime() - started) / 1e6;
                if (round >= 0) millis.computeIfAbsent(name, k -> new ArrayList<>()).add(spent);
                hashes.put(name, hash);
            }
        }
        for (String name : chains.keySet()) {
            List<Double> spent = new ArrayList<>(millis.get(name));
            Collections.sort(spent);
            System.out.printf("%-12s median %8.1f ms CPU   tokens %016x%n", name, spent.get(spent.size() / 2), hashes.get(name));
        }
    }
}
