using Galen.Cli;

return await GalenApp.RunAsync(args, Spectre.Console.AnsiConsole.Console).ConfigureAwait(false);
