// A learner's whole path through Learnloop's HTTP API, with the client generated from its OpenAPI document:
// browse the catalogue, buy the course through the Sandbox provider, learn, pass the final quiz, earn and verify
// the certificate, and post in the course's community space. TypeScriptClientTest runs it against the example
// Spring Boot application; any failed step ends it with a non-zero exit code.
//
//   node dist/learner-path.js <API base URL> <user> <password>
import { randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Problem = components["schemas"]["Problem"];

const [baseUrl = "http://localhost:8080/learnloop/api", user = "mei", password = "mei-demo-password"] =
  process.argv.slice(2);
const anonymous = createClient<paths>({ baseUrl });
const learner = createClient<paths>({
  baseUrl,
  headers: { Authorization: "Basic " + Buffer.from(`${user}:${password}`).toString("base64") },
});

/** The body of a successful answer, or an error naming the step, the status and the problem's code. */
function ok<T>(step: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    const problem = result.error as Problem | undefined;
    throw new Error(`${step}: HTTP ${result.response.status} ${problem?.code ?? ""} ${problem?.detail ?? ""}`);
  }
  console.log(`ok  ${step}`);
  return result.data;
}

function must<T>(what: string, value: T | null | undefined): T {
  if (value === null || value === undefined) {
    throw new Error(`missing: ${what}`);
  }
  return value;
}

// 1. Browse: search the catalogue, open the course page.
const found = ok("search the catalogue", await anonymous.GET("/courses", { params: { query: { q: "spring" } } }));
const summary = must("a course about Spring", found.items.find((c) => c.details?.title === "Learnloop on Spring Boot"));
const courseId = must("course id", summary.id);
const page = ok("open the course page", await anonymous.GET("/courses/{courseId}", {
  params: { path: { courseId } },
}));
const offerId = must("an offer on the course page", page.offers[0]?.id);
const lessons = page.chapters.flatMap((chapter) => chapter.lessons);
const paidLesson = must("a lesson that is not a free preview", lessons.find((l) => !l.freePreview));

// Before buying, a paid lesson records nothing.
const early = await learner.POST("/lessons/{lessonId}/watch", {
  params: { path: { lessonId: must("lesson id", paidLesson.id) } },
  body: { deviceId: "node-client", segments: [{ fromSecond: 0, toSecond: 60, playbackRate: 1 }] },
});
if (early.response.status !== 403) {
  throw new Error(`a paid lesson before buying answered ${early.response.status}, not 403`);
}
console.log("ok  a paid lesson is refused before buying");

// 2. Buy: place the order, check out with the Sandbox provider, pay at its page, wait for the webhook to settle it.
const order = ok("place the order", await learner.POST("/orders", {
  params: { header: { "Idempotency-Key": randomUUID() } },
  body: { offers: [offerId], coupons: [] },
}));
const orderId = must("order id", order.id);
const checkout = ok("check out with the Sandbox provider", await learner.POST("/orders/{orderId}/checkout", {
  params: { path: { orderId }, header: { "Idempotency-Key": randomUUID() } },
  body: { provider: "sandbox", flow: "REDIRECT", description: "Learnloop on Spring Boot", returnUrl: null,
    cancelUrl: null, payerId: null },
}));
// The example application's stand-in for the provider's payment page (not part of the API).
const payPage = new URL(`/sandbox/payments/${must("merchant reference", checkout.merchantReference)}/pay`, baseUrl);
const paid = await fetch(payPage, { method: "POST" });
if (paid.status !== 204) {
  throw new Error(`the Sandbox payment page answered ${paid.status}: ${await paid.text()}`);
}
let status: string | null = null;
for (let poll = 0; poll < 40 && status !== "PAID"; poll++) {
  if (poll > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  status = ok("read the order's status", await learner.GET("/orders/{orderId}", {
    params: { path: { orderId } },
  })).status;
}
if (status !== "PAID") {
  throw new Error(`the order is ${status}, not PAID, after the Sandbox notification`);
}
console.log("ok  the order is PAID");

// 3. Learn: watch every required lesson to the end.
for (const lesson of lessons.filter((l) => !l.optional)) {
  const seconds = 60;
  const update = ok(`watch "${lesson.title}"`, await learner.POST("/lessons/{lessonId}/watch", {
    params: { path: { lessonId: must("lesson id", lesson.id) } },
    body: { deviceId: "node-client", segments: [{ fromSecond: 0, toSecond: seconds, playbackRate: 1 }] },
  }));
  if (!update.lessonCompleted) {
    throw new Error(`"${lesson.title}" is not complete after watching it: coverage ${update.coverage}`);
  }
}
const progress = ok("read the course progress", await learner.GET("/courses/{courseId}/progress", {
  params: { path: { courseId } },
}));
if (!progress.completed) {
  throw new Error(`the course is not complete: ${progress.requiredDone} of ${progress.requiredTotal} lessons`);
}

// 4. Pass the final quiz, answering by the options' text (their keys are the attempt's own).
const quizzes = ok("list the course's quizzes", await anonymous.GET("/courses/{courseId}/quizzes", {
  params: { path: { courseId } },
}));
const finalQuiz = must("the final quiz", quizzes.items.find((q) => q.finalQuiz));
const attempt = ok("start the final quiz", await learner.POST("/quizzes/{quizId}/attempts", {
  params: { path: { quizId: must("quiz id", finalQuiz.id) } },
}));
const rightAnswers = ["Idempotency-Key", "True"];
const answers: Record<string, components["schemas"]["Answer"]> = {};
for (const question of attempt.questions) {
  const option = must(`a right answer to "${question.prompt}"`,
    question.options.find((o) => rightAnswers.includes(o.text ?? "")));
  answers[must("question key", question.key)] = {
    choices: [must("option key", option.key)], text: null, number: null,
  };
}
const grade = ok("submit the answers", await learner.POST("/quiz-attempts/{attemptId}/submission", {
  params: { path: { attemptId: must("attempt id", attempt.attemptId) } },
  body: { answers },
}));
if (!grade.passed) {
  throw new Error(`the final quiz was not passed: ${grade.percent}%`);
}

// 5. Earn the certificate; anyone verifies it without signing in.
const certificate = ok("earn the certificate", await learner.POST("/courses/{courseId}/certificate", {
  params: { path: { courseId } },
}));
const verification = ok("verify the certificate", await anonymous.POST("/certificates/verification", {
  body: { credential: must("the certificate's JWT", certificate.jwt) },
}));
if (verification.status !== "VALID") {
  throw new Error(`the certificate is ${verification.status}: ${verification.message}`);
}

// 6. Post in the course's community space, open to its learners.
const spaces = ok("list my community spaces", await learner.GET("/community/spaces"));
const space = must("the course's space", spaces.items.find((s) => s.courseId === courseId));
const topic = ok("start a thread", await learner.POST("/community/spaces/{spaceId}/topics", {
  params: { path: { spaceId: must("space id", space.id) } },
  body: { title: "Passed the final quiz", markdown: "The certificate verified at once. **Thanks!**", question: false },
}));
const thread = ok("read the thread", await learner.GET("/community/topics/{topicId}/posts", {
  params: { path: { topicId: must("topic id", topic.id) } },
}));
if (!thread.items.some((post) => post.author === user)) {
  throw new Error("the thread does not hold the learner's post");
}
console.log(`learner path complete: ${user} bought, learned, passed, was certified (${verification.status})`
  + " and posted");
