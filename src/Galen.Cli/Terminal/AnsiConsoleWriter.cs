using System.Text;
using Spectre.Console;

namespace Galen.Cli.Terminal;

/// <summary>Routes System.CommandLine's help and parse-error text to a Spectre console.</summary>
public sealed class AnsiConsoleWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is not null)
        {
            console.Write(new Spectre.Console.Text(value));
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        console.WriteLine();
    }

    public override void WriteLine() => console.WriteLine();
}
