"""Golden values for Galen.Evaluation's Bleu and RougeL (tests/Galen.Evaluation.Tests/Metrics/TextGenerationMetricTests.cs).

NLTK is not installed on the development machine (and rouge-score is not packaged in Debian),
so both metrics are computed here from their published definitions, independently of Galen's code:

BLEU-4 (Papineni et al. 2002, corpus level, as NLTK's corpus_bleu with default weights and no
smoothing): modified n-gram precision p_n = sum over sentences of n-gram counts clipped by the
largest count in any one reference, over the sum of hypothesis n-gram counts (n = 1..4); c = total
hypothesis length, r = sum of each sentence's closest reference length (ties to the shorter);
BP = 1 if c > r else exp(1 - r / c); BLEU = BP * exp(mean(log p_n)), 0 when any p_n is 0.
ROUGE-L (Lin 2004): LCS-based precision LCS/|hyp|, recall LCS/|ref|, F1 (beta = 1, as
rouge-score's 'rougeL' fmeasure). The first case is also worked by hand in the test's comment.

Run: /usr/bin/python3 bench/peers/bleu_rouge_golden.py
"""
import math
from collections import Counter


def ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def closest_ref_length(references, hyp_len):
    return min((len(r) for r in references), key=lambda length: (abs(length - hyp_len), length))


def brevity_penalty(ref_len, hyp_len):
    if hyp_len > ref_len:
        return 1.0
    return 0.0 if hyp_len == 0 else math.exp(1 - ref_len / hyp_len)


def corpus_bleu(list_of_references, hypotheses, max_n=4):
    matched = [0] * max_n
    total = [0] * max_n
    for references, hyp in zip(list_of_references, hypotheses):
        for n in range(1, max_n + 1):
            counts = ngrams(hyp, n)
            ceiling = Counter()
            for ref in references:
                for gram, count in ngrams(ref, n).items():
                    ceiling[gram] = max(ceiling[gram], count)
            matched[n - 1] += sum(min(count, ceiling[gram]) for gram, count in counts.items())
            total[n - 1] += sum(counts.values())
    if any(m == 0 for m in matched):
        return 0.0
    hyp_len = sum(len(h) for h in hypotheses)
    ref_len = sum(closest_ref_length(r, len(h)) for h, r in zip(hypotheses, list_of_references))
    return brevity_penalty(ref_len, hyp_len) * math.exp(sum(math.log(m / t) for m, t in zip(matched, total)) / max_n)


def lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if a[i - 1] == b[j - 1] else max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]


def rouge_l(hyp, ref):
    c = lcs(hyp, ref)
    if c == 0:
        return 0.0, 0.0, 0.0
    p, r = c / len(hyp), c / len(ref)
    return p, r, 2 * p * r / (p + r)


t = str.split
cases = {
    # One hypothesis, one reference.
    "single": ([t("the patient should weigh himself every morning .")],
               [[t("the patient should weigh himself every single morning .")]]),
    # NLTK's documentation example (two hypotheses, several references; the shorter reference is closest for the second).
    "nltk_doc": ([t("It is a guide to action which ensures that the military always obeys the commands of the party"),
                  t("he read the book because he was interested in world history")],
                 [[t("It is a guide to action that ensures that the military will forever heed Party commands"),
                   t("It is the guiding principle which guarantees the military forces always being under the command of the Party"),
                   t("It is the practical guide for the army always to heed the directions of the party")],
                  [t("he was interested in world history because he read the book")]]),
    # Hypotheses shorter than their references: brevity penalty below 1.
    "short": ([t("start apixaban 5 mg twice a day ."), t("come back if you have a fever .")],
              [[t("start apixaban 5 mg twice a day with food .")], [t("come back if you have a fever or chills .")]]),
}

for name, (hyps, refs) in cases.items():
    score = corpus_bleu(refs, hyps)
    hyp_len = sum(len(h) for h in hyps)
    ref_len = sum(closest_ref_length(r, len(h)) for h, r in zip(hyps, refs))
    bp = brevity_penalty(ref_len, hyp_len)
    print(f"{name}: BLEU {score:.12f}  BP {bp:.12f}  c {hyp_len}  r {ref_len}")

for hyp, ref in [
    (t("the patient should weigh himself every morning ."), t("the patient should weigh himself every single morning .")),
    (t("police killed the gunman"), t("the gunman was shot by police")),
    (t("start aspirin daily"), t("stop smoking")),
]:
    p, r, f = rouge_l(hyp, ref)
    print(f"ROUGE-L {' '.join(hyp)!r} vs {' '.join(ref)!r}: P {p:.12f} R {r:.12f} F {f:.12f}")
