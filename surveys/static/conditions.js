/* Show/hide conditions for Heard surveys: the browser twin of surveys/_conditions.py.
 *
 * Plain ES2017, no build step, no dependencies. Defines window.HeardConditions with
 *   evaluate(condition, answers) -> boolean   answers: {questionId: [values]}
 *   visibleIds(questions, answers) -> [ids]   questions: [{id, showIf}] in page order
 * The semantics (blank answers, trimming, numbers) are documented in _conditions.py and
 * must stay identical: tests run one table of cases through both.
 */
(function (root) {
  "use strict";

  var SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;
  var NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
  var EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

  function present(values) {
    var out = [];
    (values || []).forEach(function (value) {
      var trimmed = String(value).replace(SPACE, "");
      if (trimmed !== "") {
        out.push(trimmed);
      }
    });
    return out;
  }

  function asNumber(value) {
    var ascii = value.replace(EASTERN_DIGITS, function (digit) {
      var code = digit.charCodeAt(0);
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
    });
    return NUMBER.test(ascii) ? parseFloat(ascii) : null;
  }

  function numbers(values) {
    return values.map(asNumber).filter(function (n) { return n !== null; });
  }

  function compare(node, values) {
    switch (node.op) {
      case "answered": return values.length > 0;
      case "not_answered": return values.length === 0;
    }
    if (values.length === 0) {
      return false;
    }
    switch (node.op) {
      case "equals": return values.indexOf(node.value) !== -1;
      case "not_equals": return values.indexOf(node.value) === -1;
      case "in": return values.some(function (v) { return node.values.indexOf(v) !== -1; });
      case "gte": return numbers(values).some(function (n) { return n >= node.value; });
      case "lte": return numbers(values).some(function (n) { return n <= node.value; });
    }
    throw new Error("unknown condition op: " + node.op);
  }

  function evaluate(condition, answers) {
    switch (condition.op) {
      case "all": return condition.of.every(function (part) { return evaluate(part, answers); });
      case "any": return condition.of.some(function (part) { return evaluate(part, answers); });
      case "not": return !evaluate(condition.condition, answers);
    }
    var own = Object.prototype.hasOwnProperty.call(answers, condition.question);
    return compare(condition, present(own ? answers[condition.question] : []));
  }

  function visibleIds(questions, answers) {
    var seen = {};
    var shown = [];
    questions.forEach(function (question) {
      if (!question.showIf || evaluate(question.showIf, seen)) {
        shown.push(question.id);
        var own = Object.prototype.hasOwnProperty.call(answers, question.id);
        seen[question.id] = own ? answers[question.id] : [];
      }
    });
    return shown;
  }

  root.HeardConditions = { evaluate: evaluate, visibleIds: visibleIds, present: present };
})(window);
