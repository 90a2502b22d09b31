using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Sonic.Api.Errors;

/// <summary>
/// Every error the API returns: RFC 9457 ProblemDetails with a stable <c>code</c> extension and a one-sentence
/// <c>detail</c>. Never an exception's stack trace or type.
/// </summary>
public static class ApiProblems
{
    public static IResult Create(int statusCode, string code, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: statusCode,
            title: ReasonPhrases.GetReasonPhrase(statusCode),
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult JobNotFound(string id) =>
        Create(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"There is no video job with id '{Printable(id)}'.");

    /// <summary>Ids come from the URL: show at most a short, printable prefix of them back.</summary>
    public static string Printable(string id)
    {
        var shown = new string(id.Where(c => !char.IsControl(c)).Take(80).ToArray());
        return shown.Length < id.Length ? shown + "…" : shown;
    }
}
