using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Galen.Text.Deid.Operators;

/// <summary>
/// Moves a date written in any of the forms the detector finds ("3/4/21", "2021-03-04",
/// "March 4th", "04-Mar-2021", "4 March 2021", "the 4th", "March 2021", "2021", "Tue 3/4/21") by a
/// number of days and writes it back in the same form: the same separators, zero padding, year
/// width, month-name style (full, abbreviated, with or without a full stop), letter case and
/// ordinal suffix. Every date of a patient moves by the same number of days, so intervals are kept;
/// the offsets are whole weeks, so weekdays are kept too. Partial dates move by the same days
/// against a reference: a day without a month against January 2000, a month and day without a
/// year against the leap year 2000, a year alone from its 1 July.
/// </summary>
public static partial class DateShifter
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    /// <summary>The shifted date in the original's form, or null when <paramref name="value"/> is not a date it can read.</summary>
    public static string? Shift(string value, int days)
    {
        ArgumentNullException.ThrowIfNull(value);
        var weekday = Weekday().Match(value);
        if (weekday.Success && weekday.Length < value.Length)
        {
            string? rest = Shift(value[weekday.Length..], days);
            if (rest is null)
            {
                return null;
            }

            // Whole-week shifts keep the weekday; other shifts would need the full date to recompute it.
            return (days % 7 == 0 ? weekday.Value : string.Empty) + rest;
        }

        var numeric = Numeric().Match(value);
        if (numeric.Success)
        {
            return ShiftNumeric(numeric, days);
        }

        var monthYear = NumericMonthYear().Match(value);
        if (monthYear.Success)
        {
            if (!TryDate(int.Parse(monthYear.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(monthYear.Groups["m"].Value, CultureInfo.InvariantCulture), 15, out var date))
            {
                return null;
            }

            var moved = date.AddDays(days);
            return Pad(moved.Month, monthYear.Groups["m"].Length) + "/" + moved.Year.ToString("D4", CultureInfo.InvariantCulture);
        }

        var dayOnly = DayOnly().Match(value);
        if (dayOnly.Success)
        {
            int day = int.Parse(dayOnly.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (day is < 1 or > 31)
            {
                return null;
            }

            int movedDay = new DateTime(2000, 1, day).AddDays(days).Day;
            return movedDay.ToString(CultureInfo.InvariantCulture) + Suffix(movedDay, dayOnly.Groups["s"].Value);
        }

        var yearOnly = YearOnly().Match(value);
        if (yearOnly.Success)
        {
            int year = int.Parse(yearOnly.Groups["y"].Value, CultureInfo.InvariantCulture);
            return new DateTime(year, 7, 1).AddDays(days).Year.ToString(CultureInfo.InvariantCulture) + yearOnly.Groups["s"].Value;
        }

        return ShiftWithMonthName(value, days);
    }

    private static string? ShiftNumeric(Match match, int days)
    {
        var a = match.Groups["a"];
        var b = match.Groups["b"];
        var c = match.Groups["c"];
        string separator = match.Groups["s"].Value;
        int first = int.Parse(a.Value, CultureInfo.InvariantCulture);
        int second = int.Parse(b.Value, CultureInfo.InvariantCulture);
        if (a.Length == 4)
        {
            if (!c.Success || !TryDate(first, second, int.Parse(c.Value, CultureInfo.InvariantCulture), out var iso))
            {
                return null;
            }

            var moved = iso.AddDays(days);
            return moved.Year.ToString("D4", CultureInfo.InvariantCulture) + separator + Pad(moved.Month, b.Length) + separator + Pad(moved.Day, c.Length);
        }

        bool dayFirst = first > 12 && second <= 12;
        int month = dayFirst ? second : first;
        int day = dayFirst ? first : second;
        if (!c.Success)
        {
            if (!TryDate(2000, month, day, out var partial))
            {
                return null;
            }

            var moved = partial.AddDays(days);
            return dayFirst
                ? Pad(moved.Day, a.Length) + separator + Pad(moved.Month, b.Length)
                : Pad(moved.Month, a.Length) + separator + Pad(moved.Day, b.Length);
        }

        int year = ExpandYear(c.Value);
        if (!TryDate(year, month, day, out var date))
        {
            return null;
        }

        var shifted = date.AddDays(days);
        string yearText = c.Length == 2 ? (shifted.Year % 100).ToString("D2", CultureInfo.InvariantCulture) : shifted.Year.ToString(CultureInfo.InvariantCulture);
        return dayFirst
            ? Pad(shifted.Day, a.Length) + separator + Pad(shifted.Month, b.Length) + separator + yearText
            : Pad(shifted.Month, a.Length) + separator + Pad(shifted.Day, b.Length) + separator + yearText;
    }

    private static string? ShiftWithMonthName(string value, int days)
    {
        var month = MonthName().Match(value);
        if (!month.Success)
        {
            return null;
        }

        int monthNumber = MonthNumber(month.Value);
        Match? day = null;
        Match? year = null;
        foreach (Match number in Number().Matches(value))
        {
            // Four digits or an apostrophe make a year; otherwise the first number is the day and a second one the year ("04-Mar-21").
            if (number.Groups["n"].Length == 4 || number.Value.StartsWith('\''))
            {
                year ??= number;
            }
            else if (number.Groups["n"].Length <= 2 && day is null)
            {
                day = number;
            }
            else if (number.Groups["n"].Length == 2)
            {
                year ??= number;
            }
        }

        int yearValue = year is null ? 2000 : ExpandYear(year.Groups["n"].Value);
        int dayValue = day is null ? 15 : int.Parse(day.Groups["n"].Value, CultureInfo.InvariantCulture);
        if (!TryDate(yearValue, monthNumber, dayValue, out var date))
        {
            return null;
        }

        var moved = date.AddDays(days);
        var parts = new List<(int Index, int Length, string Text)>
        {
            (month.Index, month.Length, MonthLike(month.Value, moved.Month)),
        };
        if (day is not null)
        {
            var digits = day.Groups["n"];
            var suffix = day.Groups["s"];
            parts.Add((day.Index, day.Length, Pad(moved.Day, digits.Length > 1 && digits.Value[0] == '0' ? 2 : 1) + (suffix.Success && suffix.Length > 0 ? Suffix(moved.Day, suffix.Value) : string.Empty)));
        }

        if (year is not null)
        {
            var digits = year.Groups["n"];
            string text = digits.Length == 4 ? moved.Year.ToString(CultureInfo.InvariantCulture) : (moved.Year % 100).ToString("D2", CultureInfo.InvariantCulture);
            parts.Add((digits.Index, digits.Length, text));
        }

        var result = new StringBuilder(value);
        foreach (var part in parts.OrderByDescending(p => p.Index))
        {
            result.Remove(part.Index, part.Length).Insert(part.Index, part.Text);
        }

        return result.ToString();
    }

    private static string MonthLike(string original, int month)
    {
        string core = original.TrimEnd('.');
        bool dot = original.EndsWith('.');
        string full = MonthNames[month - 1];
        string text = core.Length > 4 || core.Equals("june", StringComparison.OrdinalIgnoreCase) || core.Equals("july", StringComparison.OrdinalIgnoreCase) || core.Equals("may", StringComparison.OrdinalIgnoreCase)
            ? full
            : core.Length == 4 && month == 9 ? "Sept" : full[..3];
        if (core.All(ch => !char.IsLetter(ch) || char.IsUpper(ch)) && core.Length > 1)
        {
            text = text.ToUpperInvariant();
        }
        else if (char.IsLower(core[0]))
        {
            text = text.ToLowerInvariant();
        }

        return dot && text.Length < full.Length ? text + "." : text;
    }

    private static int MonthNumber(string name)
    {
        string key = name.TrimEnd('.')[..3].ToLowerInvariant();
        for (int m = 0; m < 12; m++)
        {
            if (MonthNames[m][..3].Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return m + 1;
            }
        }

        return 1;
    }

    private static int ExpandYear(string digits)
    {
        int year = int.Parse(digits.TrimStart('\''), CultureInfo.InvariantCulture);
        return digits.TrimStart('\'').Length == 2 ? (year < 50 ? 2000 + year : 1900 + year) : year;
    }

    private static bool TryDate(int year, int month, int day, out DateTime date)
    {
        date = default;
        if (year is < 1 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateTime(year, month, day);
        return true;
    }

    private static string Pad(int value, int width) => value.ToString(width >= 2 ? "D2" : "D", CultureInfo.InvariantCulture);

    private static string Suffix(int day, string original)
    {
        string suffix = (day % 100) switch
        {
            11 or 12 or 13 => "th",
            _ => (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
        };
        return original.Length > 0 && char.IsUpper(original[0]) ? suffix.ToUpperInvariant() : suffix;
    }

    [GeneratedRegex(@"^(?<a>\d{1,4})(?<s>[/.-])(?<b>\d{1,2})(?:\k<s>(?<c>\d{2,4}))?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^(?<m>\d{1,2})/(?<y>\d{4})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NumericMonthYear();

    [GeneratedRegex(@"^(?<d>\d{1,2})(?<s>st|nd|rd|th|ST|ND|RD|TH)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DayOnly();

    [GeneratedRegex(@"^(?<y>\d{4})(?<s>s?)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthName();

    [GeneratedRegex(@"'?\b(?<n>\d{1,4})(?<s>st|nd|rd|th)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Number();
}
