// Adds DOM matchers (toBeInTheDocument, toHaveTextContent, …) to vitest's expect.
import '@testing-library/jest-dom/vitest'
