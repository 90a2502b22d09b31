using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Sonic.Functions;

public static class Ping
{
    [Function("Ping")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "ping")] HttpRequest request) => new OkResult();
}
