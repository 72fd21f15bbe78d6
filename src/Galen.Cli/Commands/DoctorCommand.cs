using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Galen.Cli.Terminal;
using Galen.Data.Store;
using Galen.Deep.Runtime;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary><c>galen doctor</c>: checks that this machine can run Galen and prints a table.</summary>
public static class DoctorCommand
{
    private const long MinimumFreeBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>One row of the report.</summary>
    public sealed record Check(string Name, bool Ok, string Detail, bool Essential = true);

    public static Command Create(CommandContext context)
    {
        var command = new Command("doctor", "Check the environment: libtorch, DuckDB, disk space, versions.");
        command.SetAction(context.Run((_, _) =>
        {
            var checks = RunChecks();
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]galen doctor[/]");
            table.AddColumn("check");
            table.AddColumn("status");
            table.AddColumn("detail");
            foreach (var check in checks)
            {
                var status = check.Ok ? "[green]ok[/]" : check.Essential ? "[red]FAIL[/]" : "[yellow]warn[/]";
                table.AddRow(Markup.Escape(check.Name), status, Markup.Escape(check.Detail));
            }

            context.Console.Write(table);
            bool healthy = checks.All(c => c.Ok || !c.Essential);
            context.Console.MarkupLine(healthy ? "[green]Galen is ready.[/]" : "[red]Galen cannot run here; see the failed checks above.[/]");
            return Task.FromResult(healthy ? GalenApp.Ok : GalenApp.InternalError);
        }));
        return command;
    }

    /// <summary>Runs every check; never throws.</summary>
    public static IReadOnlyList<Check> RunChecks()
    {
        var checks = new List<Check>
        {
            new("Galen", true, typeof(DoctorCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown"),
            new(".NET runtime", true, $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})"),
            new("operating system", true, RuntimeInformation.OSDescription),
            new("processors", true, Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
            new("memory", true, FormatBytes(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) + " available to .NET"),
        };

        var torch = TorchRuntime.Probe();
        checks.Add(torch.Loaded
            ? new Check("libtorch", true, $"{torch.LibTorchVersion} loaded, {torch.Threads} threads, CUDA {(torch.CudaAvailable ? "available" : "not available")}")
            : new Check("libtorch", false, torch.Error ?? "failed to load"));

        var shim = NativeShimReport.Inspect();
        checks.Add(new Check("TorchSharp native fix", shim.Healthy, shim.Summary, Essential: false));

        var duck = DuckDbProbe.Probe();
        checks.Add(duck.Opened
            ? new Check("DuckDB", true, $"{duck.Version} opened")
            : new Check("DuckDB", false, duck.Error ?? "failed to open"));

        checks.Add(DiskCheck("disk (working directory)", Directory.GetCurrentDirectory()));
        checks.Add(DiskCheck("disk (temporary files)", Path.GetTempPath()));
        return checks;
    }

    private static Check DiskCheck(string name, string path)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(path));
            long free = drive.AvailableFreeSpace;
            return new Check(name, free >= MinimumFreeBytes, $"{FormatBytes(free)} free at {path}", Essential: false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return new Check(name, false, e.Message, Essential: false);
        }
    }

    private static string FormatBytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F1} GiB");
}
