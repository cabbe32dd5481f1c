// Replays review logs through ts-fsrs and writes the card after every review.
// Usage: node oracle.cjs <input.json> <output.json>
// Input: [{ params: {w, request_retention, maximum_interval, learning_steps, relearning_steps, enable_fuzz},
//           sequences: [{ start: epochMillis, reviews: [{ at: epochMillis, rating: 1..4 }] }] }]
// Output: the same nesting, one result per review.
'use strict'
const fs = require('fs')
const { fsrs, createEmptyCard } = require('ts-fsrs')

const [input, output] = process.argv.slice(2)
const cases = JSON.parse(fs.readFileSync(input, 'utf8'))

const result = cases.map((c) => {
  const f = fsrs({ ...c.params, enable_short_term: true })
  return c.sequences.map((sequence) => {
    let card = createEmptyCard(new Date(sequence.start))
    return sequence.reviews.map((review) => {
      const { card: next, log } = f.next(card, new Date(review.at), review.rating)
      card = next
      return {
        due: next.due.getTime(),
        stability: next.stability,
        difficulty: next.difficulty,
        elapsedDays: next.elapsed_days,
        scheduledDays: next.scheduled_days,
        learningStep: next.learning_steps,
        reps: next.reps,
        lapses: next.lapses,
        state: next.state,
        logState: log.state,
        logLastElapsedDays: log.last_elapsed_days,
      }
    })
  })
})

fs.writeFileSync(output, JSON.stringify(result))
