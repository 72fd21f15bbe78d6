using Galen.Deep.Text;

namespace Galen.Deep.Tests.Text;

public sealed class TextTokenizerTests
{
    [Fact]
    public void Words_are_lower_cased_runs_of_letters_and_digits_with_decimals_kept_whole()
    {
        var tokens = new TextTokenizer().Tokenize("Temp 37.1, HR 124; Na 1,340 -- Piperacillin-Tazobactam.");

        Assert.Equal(["temp", "37.1", "hr", "124", "na", "1,340", "piperacillin", "tazobactam"], tokens);
    }

    [Fact]
    public void Punctuation_can_be_kept_and_detokenized_back_onto_the_word_before_it()
    {
        var tokenizer = new TextTokenizer(KeepPunctuation: true);

        var tokens = tokenizer.Tokenize("Stop smoking. Start apixaban 5 mg twice a day.");

        Assert.Equal(["stop", "smoking", ".", "start", "apixaban", "5", "mg", "twice", "a", "day", "."], tokens);
        Assert.Equal("stop smoking. start apixaban 5 mg twice a day.", TextTokenizer.Detokenize(tokens));
    }

    [Fact]
    public void Whitespace_tokens_keep_codes_and_case_intact()
    {
        var tokens = new TextTokenizer(TokenizerKind.Whitespace, Lowercase: false).Tokenize("dx:I50.23  dx:I10\nrx:C03CA01");

        Assert.Equal(["dx:I50.23", "dx:I10", "rx:C03CA01"], tokens);
    }

    [Fact]
    public void The_vocabulary_puts_special_tokens_first_then_words_by_count_then_in_ordinal_order()
    {
        var vocabulary = WordVocabulary.Fit(["b a c a", "c a d"], new TextTokenizer(), minCount: 2, maxWords: null, WordVocabulary.Basic);

        Assert.Equal(["<pad>", "<unk>", "a", "c"], vocabulary.Words);
        Assert.Equal([0L, 0L, 3L, 2L], vocabulary.Counts);
        Assert.Equal(WordVocabulary.Unknown, vocabulary.IndexOf("b"));
        Assert.Equal(3, vocabulary.IndexOf("c"));
    }
}
