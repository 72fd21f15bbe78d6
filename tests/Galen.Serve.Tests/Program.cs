namespace Galen.Serve.Tests;
internal static class Program { public static int Main() => 0; }
