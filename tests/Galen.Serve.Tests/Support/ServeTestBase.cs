using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Galen.Serve.Tests.Support;

/// <summary>Assertions shared by the API tests.</summary>
internal static class Http
{
    public static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value));

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> and returns its JSON.</summary>
    public static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static MediaTypeHeaderValue MediaType(string value) => new(value);
}
