import { termFeedRoute } from '@/app/_routes/feedRoutes';

export const GET = termFeedRoute('categories', 'feed.json');
