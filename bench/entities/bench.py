"""Entity stage speed and footprint: ``python -m bench.entities.bench [--seconds N]``.

Prints knowledge-base build time and memory (with and without the generated cities), and
throughput in characters per second on one core for the rule extractor and the bare
dictionary matcher over the evaluation corpus. Figures, not assertions: the CPU is shared.
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
import tracemalloc

from workers.core.entities.evaluation import DEFAULT_CORPUS, load_corpus, measure_throughput
from workers.core.entities.extractor import RuleEntityExtractor
from workers.core.entities.gazetteer import GazetteerExtractor, GazetteerMatcher
from workers.core.entities.kb_build import build_knowledge_base


def kb_figures(cities: bool) -> dict[str, float]:
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    kb = build_knowledge_base(cities=cities)
    built = time.perf_counter() - start
    start = time.perf_counter()
    GazetteerMatcher(kb)
    automaton = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del kb
    gc.collect()
    tracemalloc.start()
    kb = build_knowledge_base(cities=cities)
    matcher = GazetteerMatcher(kb)
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stats = kb.stats()
    del kb, matcher
    return {
        "build_s": built,
        "automaton_s": automaton,
        "python_heap_retained_mib": retained / 2**20,
        "python_heap_peak_mib": peak / 2**20,
        "max_rss_growth_mib": (rss_after - rss_before) / 1024,
        "entries": stats["entries"],
        "names": stats["keys"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="per throughput figure")
    args = parser.parse_args()
    # Full KB first, so the RSS growth figure is not hidden by an earlier, larger peak.
    full = kb_figures(cities=True)
    small = kb_figures(cities=False)
    for name, figures in (("kb (curated+countries+cities)", full), ("kb (no cities)", small)):
        text = ", ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()
        )
        print(f"{name}: {text}")
    corpus = load_corpus(DEFAULT_CORPUS)
    kb = build_knowledge_base(cities=True)
    rules = measure_throughput(RuleEntityExtractor(kb), corpus, args.seconds)
    gazetteer = measure_throughput(GazetteerExtractor(kb), corpus, args.seconds)
    print(f"throughput rules extractor: {rules:,.0f} chars/s (one core)")
    print(f"throughput dictionary matcher only: {gazetteer:,.0f} chars/s (one core)")
    print(f"discovery+coreference cost: x{gazetteer / rules:.2f} slower than matching alone")
    print(f"cities in the KB: build x{full['build_s'] / small['build_s']:.1f} slower")


if __name__ == "__main__":
    main()
