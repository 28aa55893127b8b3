import type { Recommendation, Severity } from '../findings/schema.js';

export const SEVERITY_HEADING: Record<Severity, string> = { critical: 'Critical', important: 'Important', 'nice-to-have': 'Nice-to-have' };
export const SEVERITY_ICON: Record<Severity, string> = { critical: '🔴', important: '🟠', 'nice-to-have': '🔵' };
export const RECOMMENDATION_LABEL: Record<Recommendation, string> = { required: 'Required', should: 'Should', consider: 'Consider' };
