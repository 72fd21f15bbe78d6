using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Galen.Serve.Dashboard;

/// <summary>
/// Serves the clinician dashboard (static HTML, CSS and JavaScript embedded in this assembly) at
/// <c>/dashboard/</c>. The files hold no data: the pages call the authenticated API with the key
/// the clinician enters, so the files themselves are public.
/// </summary>
public static class DashboardFiles
{
    public static void Use(IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardFiles).Assembly, "dashboard");
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/dashboard", FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/dashboard",
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
        });
    }
}
